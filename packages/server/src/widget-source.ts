/**
 * The built widget that `/widget.js` serves, read once and kept in memory with its ETag and
 * Subresource-Integrity hash.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The widget bundle as served. */
export interface WidgetAsset {
  version: string
  code: Uint8Array
  /** Strong ETag (quoted). */
  etag: string
  /** `sha384-…` for `<script integrity>`. */
  integrity: string
}

export interface WidgetSource {
  /** The bundle, or undefined while it is not built. */
  load(): WidgetAsset | undefined
}

/** Builds the served asset from the bundle's bytes. */
export function widgetAsset(version: string, code: Uint8Array): WidgetAsset {
  const sha256 = createHash('sha256').update(code).digest('base64url')
  return {
    version,
    code,
    etag: `"${sha256}"`,
    integrity: `sha384-${createHash('sha384').update(code).digest('base64')}`,
  }
}

/**
 * Reads `file` on first use and keeps it. While the file is missing every call looks again, so
 * a server started before `pnpm build` picks the bundle up once it exists.
 */
export function widgetFromFile(file: string, version: string): WidgetSource {
  let asset: WidgetAsset | undefined
  return {
    load() {
      if (asset) return asset
      try {
        asset = widgetAsset(version, readFileSync(file))
      } catch {
        return undefined
      }
      return asset
    },
  }
}

/** The bundle of `@portmanat-checkout/widget`, located through its package.json. */
export function builtWidget(): WidgetSource {
  const require = createRequire(import.meta.url)
  let manifest: string
  try {
    manifest = require.resolve('@portmanat-checkout/widget/package.json')
  } catch {
    return { load: () => undefined }
  }
  const version = readVersion(manifest)
  return widgetFromFile(join(dirname(manifest), 'dist', 'widget.js'), version)
}

function readVersion(manifest: string): string {
  try {
    const json: unknown = JSON.parse(readFileSync(manifest, 'utf8'))
    if (typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'string') {
      return json.version
    }
  } catch {
    // fall through: an unreadable manifest means an unversioned build
  }
  return '0.0.0'
}
