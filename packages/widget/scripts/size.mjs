// `pnpm size`: the script-tag bundle's minified and gzip (level 9) size against the budget.
// Exits 1 above the budget. Run `pnpm build` first.
import { existsSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const BUDGET = 8 * 1024
const file = new URL('../dist/widget.js', import.meta.url)
if (!existsSync(file)) {
  console.error('dist/widget.js is missing: run `pnpm --filter @portmanat-checkout/widget build` first')
  process.exit(1)
}
const code = readFileSync(file)
const gzip = gzipSync(code, { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`
console.log(
  `widget.js  minified ${code.length} B (${kb(code.length)})  gzip ${gzip} B (${kb(gzip)})  budget ${kb(BUDGET)} gzip`,
)
if (gzip > BUDGET) {
  console.error(`widget.js is ${gzip - BUDGET} B over the ${kb(BUDGET)} gzip budget`)
  process.exit(1)
}
