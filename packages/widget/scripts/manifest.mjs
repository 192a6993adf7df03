// After the builds: writes dist/manifest.json ({version, integrity, bytes, gzip}) for the
// server's versioned URL, and copies the hand-written declarations next to the ES module.
import { createHash } from 'node:crypto'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const dist = new URL('../dist/', import.meta.url)
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const widget = readFileSync(new URL('widget.js', dist))
const manifest = {
  version,
  integrity: `sha384-${createHash('sha384').update(widget).digest('base64')}`,
  bytes: widget.length,
  gzip: gzipSync(widget, { level: 9 }).length,
}
writeFileSync(new URL('manifest.json', dist), `${JSON.stringify(manifest, null, 2)}\n`)
copyFileSync(new URL('../types/index.d.ts', import.meta.url), new URL('esm/index.d.ts', dist))
console.log(`dist/manifest.json: ${manifest.bytes} bytes, ${manifest.gzip} gzip, ${manifest.integrity}`)
