// `pnpm size`: what a buyer's browser downloads, minified and gzipped (level 9), against the
// budgets: the loader `widget.js` alone (every page that embeds the button pays it), and
// everything fetched to open the modal (the loader plus the modal chunk of the buyer's locale;
// the largest of the three counts). Exits 1 above either.
// Run `pnpm build` first. `pnpm size --why` also rebuilds both in memory and lists what each
// module adds: every module's rendered code minified and gzipped on its own (an estimate: gzip
// shares context across modules, so the parts add up to more than the whole).
import { existsSync, readFileSync } from 'node:fs'
import { brotliCompressSync, gzipSync } from 'node:zlib'

const LOADER_BUDGET = 4.5 * 1024
const OPEN_BUDGET = 11.5 * 1024
const dist = new URL('../dist/', import.meta.url)
if (!existsSync(new URL('modal.json', dist)) || !existsSync(new URL('widget.js', dist))) {
  console.error('dist/ is missing: run `pnpm --filter @portmanat-checkout/widget build` first')
  process.exit(1)
}
const modals = JSON.parse(readFileSync(new URL('modal.json', dist), 'utf8'))
const gzip = (code) => gzipSync(code, { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`
const measure = (name) => {
  const code = readFileSync(new URL(name, dist))
  return { name, bytes: code.length, gzip: gzip(code), brotli: brotliCompressSync(code).length }
}
const loader = measure('widget.js')
const chunks = Object.values(modals).map(([file]) => measure(file))
const chunk = chunks.reduce((largest, file) => (file.gzip > largest.gzip ? file : largest))
for (const file of [loader, ...chunks])
  console.log(
    `${file.name.padEnd(22)} minified ${String(file.bytes).padStart(6)} B  gzip ${String(file.gzip).padStart(5)} B  brotli ${String(file.brotli).padStart(5)} B`,
  )
const open = loader.gzip + chunk.gzip
console.log(`loader            gzip ${loader.gzip} B (${kb(loader.gzip)})  budget ${kb(LOADER_BUDGET)}`)
console.log(`to open the modal gzip ${open} B (${kb(open)}, with ${chunk.name})  budget ${kb(OPEN_BUDGET)}`)

if (process.argv.includes('--why')) await why()

let over = false
if (loader.gzip > LOADER_BUDGET) {
  console.error(`widget.js is ${loader.gzip - LOADER_BUDGET} B over its ${kb(LOADER_BUDGET)} gzip budget`)
  over = true
}
if (open > OPEN_BUDGET) {
  console.error(
    `opening the modal fetches ${open - OPEN_BUDGET} B more than the ${kb(OPEN_BUDGET)} gzip budget`,
  )
  over = true
}
if (over) process.exit(1)

async function why() {
  const { build } = await import('vite')
  const { minify } = await import('terser')
  const root = new URL('..', import.meta.url).pathname
  for (const mode of ['production', 'modal-ru']) {
    const modules = {}
    await build({
      root,
      mode,
      logLevel: 'silent',
      // Unminified, so each module's code stays apart; the sheets minified as in the real build.
      build: { write: false, minify: false, cssMinify: 'lightningcss', emptyOutDir: false },
      plugins: [
        {
          name: 'size-why',
          // The chunk's real build records itself in dist/; this in-memory one must not.
          enforce: 'post',
          generateBundle(_, bundle) {
            for (const file of Object.values(bundle))
              if (file.type === 'chunk') Object.assign(modules, file.modules)
          },
        },
      ],
    })
    const rows = []
    for (const [id, { code: text }] of Object.entries(modules)) {
      if (!text) continue
      // Not as a module: top-level names stay (nothing here uses them), so nothing is dropped.
      const min = (await minify(text, { compress: { unused: false }, mangle: true })).code ?? ''
      const name = id.includes('/node_modules/')
        ? id.replace(/.*\/node_modules\//, '')
        : id.replace(root, '').replace(/.*\/packages\//, '')
      rows.push({ name, minified: min.length, gzip: gzip(min) })
    }
    rows.sort((a, b) => b.gzip - a.gzip)
    console.log(
      `\n${mode === 'production' ? 'the loader' : `the ${mode} chunk`}, per module, minified and gzipped alone:`,
    )
    for (const row of rows)
      console.log(`${String(row.gzip).padStart(7)} B gzip ${String(row.minified).padStart(7)} B  ${row.name}`)
  }
}
