// After the builds: writes dist/manifest.json (version, the loader's integrity, and every file
// the server serves under /widget/{version}/ with its SHA-384 and sizes), brotli and gzip copies
// of those files (prepared once here, so the server never compresses per request), and copies
// the hand-written declarations next to the ES module.
import { createHash } from 'node:crypto'
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const dist = new URL('../dist/', import.meta.url)
const types = new URL('../types/', import.meta.url)
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
/** Per locale: [the chunk's file name, the SHA-384 the loader carries]. */
const modals = JSON.parse(readFileSync(new URL('modal.json', dist), 'utf8'))

const files = {}
for (const name of ['widget.js', ...Object.values(modals).map(([file]) => file)]) {
  const code = readFileSync(new URL(name, dist))
  const gzip = gzipSync(code, { level: 9 })
  const brotli = brotliCompressSync(code, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length },
  })
  writeFileSync(new URL(`${name}.gz`, dist), gzip)
  writeFileSync(new URL(`${name}.br`, dist), brotli)
  files[name] = {
    integrity: `sha384-${createHash('sha384').update(code).digest('base64')}`,
    bytes: code.length,
    gzip: gzip.length,
    brotli: brotli.length,
  }
}
// A chunk's hash must be the one the loader carries, or every modal would be refused.
for (const [file, integrity] of Object.values(modals))
  if (files[file].integrity !== integrity) throw new Error(`the loader pins another ${file}`)
const modal = Object.fromEntries(Object.entries(modals).map(([locale, [file]]) => [locale, file]))
const manifest = { version, integrity: files['widget.js'].integrity, modal, files }
writeFileSync(new URL('manifest.json', dist), `${JSON.stringify(manifest, null, 2)}\n`)
for (const name of readdirSync(types)) copyFileSync(new URL(name, types), new URL(`esm/${name}`, dist))
for (const [name, file] of Object.entries(files))
  console.log(`dist/${name}: ${file.bytes} B, ${file.gzip} gzip, ${file.brotli} brotli, ${file.integrity}`)
