/**
 * The built widget the server hands out: the loader `widget.js` and the modal chunks, each
 * kept in memory as it is served — the bytes, their brotli and gzip copies prepared at build
 * time (`dist/*.br`, `dist/*.gz`), a strong ETag per encoding and the Subresource-Integrity hash.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'

/** The content codings the server has ready, best first. */
export const ENCODINGS = ['br', 'gzip'] as const

export type Encoding = (typeof ENCODINGS)[number] | 'identity'

/** One file of the widget as served. */
export interface WidgetAsset {
  /** The bytes in each coding. */
  body: Record<Encoding, Uint8Array>
  /** Strong ETag (quoted) per coding: each coding is its own representation. */
  etag: Record<Encoding, string>
  /** `sha384-…` of the uncompressed bytes, for `<script integrity>`. */
  integrity: string
}

/** The built widget: its version and its files by name (`widget.js`, `modal-az-….js`, …). */
export interface WidgetBundle {
  version: string
  files: ReadonlyMap<string, WidgetAsset>
}

export interface WidgetSource {
  /** The bundle, or undefined while it is not built. */
  load(): WidgetBundle | undefined
}

/** Builds the served asset of one file; copies it lacks are compressed here, once. */
export function widgetAsset(
  code: Uint8Array,
  compressed: Partial<Record<Encoding, Uint8Array>> = {},
): WidgetAsset {
  const body: Record<Encoding, Uint8Array> = {
    identity: code,
    br: compressed.br ?? brotliCompressSync(code),
    gzip: compressed.gzip ?? gzipSync(code, { level: 9 }),
  }
  const tag = createHash('sha256').update(code).digest('base64url')
  return {
    body,
    etag: { identity: `"${tag}"`, br: `"${tag}-br"`, gzip: `"${tag}-gz"` },
    integrity: `sha384-${createHash('sha384').update(code).digest('base64')}`,
  }
}

/** A bundle from files in memory (tests, or a build without compressed copies). */
export function widgetBundle(version: string, files: Record<string, Uint8Array>): WidgetBundle {
  return {
    version,
    files: new Map(Object.entries(files).map(([name, code]) => [name, widgetAsset(code)])),
  }
}

const readOptional = (file: string): Uint8Array | undefined => {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/**
 * Reads the build in `dist` (its `manifest.json` names the files) on first use and keeps it.
 * While it is missing every call looks again, so a server started before `pnpm build` picks
 * the bundle up once it exists.
 */
export function widgetFromDist(dist: string): WidgetSource {
  let bundle: WidgetBundle | undefined
  return {
    load() {
      if (bundle) return bundle
      try {
        const manifest: unknown = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'))
        const { version, files } = Object(manifest)
        if (typeof version !== 'string' || typeof files !== 'object' || files === null) return undefined
        const assets = new Map<string, WidgetAsset>()
        for (const name of Object.keys(files)) {
          // Names come from our own build; still, only plain file names are served.
          if (!/^[\w.-]+\.js$/.test(name)) continue
          const file = join(dist, name)
          const compressed = { br: readOptional(`${file}.br`), gzip: readOptional(`${file}.gz`) }
          assets.set(name, widgetAsset(readFileSync(file), compressed))
        }
        if (!assets.has('widget.js')) return undefined
        bundle = { version, files: assets }
      } catch {
        return undefined
      }
      return bundle
    },
  }
}

/** The build of `@portmanat-checkout/widget`, located through its package.json. */
export function builtWidget(): WidgetSource {
  const require = createRequire(import.meta.url)
  try {
    return widgetFromDist(join(dirname(require.resolve('@portmanat-checkout/widget/package.json')), 'dist'))
  } catch {
    return { load: () => undefined }
  }
}
