// `pnpm size`: the script-tag bundle's minified and gzip (level 9) size against the budget.
// Exits 1 above the budget. Run `pnpm build` first.
// `pnpm size --why` also rebuilds the bundle in memory and lists what each module adds: every
// module's rendered code minified and gzipped on its own (an estimate: gzip shares context
// across modules, so the parts add up to more than the whole).
import { existsSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const BUDGET = 8 * 1024
const file = new URL('../dist/widget.js', import.meta.url)
if (!existsSync(file)) {
  console.error('dist/widget.js is missing: run `pnpm --filter @portmanat-checkout/widget build` first')
  process.exit(1)
}
const code = readFileSync(file)
const gzip = (text) => gzipSync(text, { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`
console.log(
  `widget.js  minified ${code.length} B (${kb(code.length)})  gzip ${gzip(code)} B (${kb(gzip(code))})  budget ${kb(BUDGET)} gzip`,
)

if (process.argv.includes('--why')) await why()

if (gzip(code) > BUDGET) {
  console.error(`widget.js is ${gzip(code) - BUDGET} B over the ${kb(BUDGET)} gzip budget`)
  process.exit(1)
}

async function why() {
  const { build } = await import('vite')
  const { minify } = await import('terser')
  const root = new URL('..', import.meta.url).pathname
  const modules = {}
  await build({
    root,
    logLevel: 'silent',
    // Unminified, so each module's code stays apart; the sheet minified as in the real build.
    build: { write: false, minify: false, cssMinify: 'lightningcss' },
    plugins: [
      {
        name: 'size-why',
        generateBundle(_, bundle) {
          for (const chunk of Object.values(bundle))
            if (chunk.type === 'chunk') Object.assign(modules, chunk.modules)
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
  console.log('\nper module, minified and gzipped alone:')
  for (const row of rows)
    console.log(`${String(row.gzip).padStart(7)} B gzip ${String(row.minified).padStart(7)} B  ${row.name}`)
}
