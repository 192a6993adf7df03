#!/usr/bin/env node
// Builds the package in the working directory to dist/: a clean folder (no file of a renamed
// module lingers in a tarball), `tsc -p tsconfig.build.json` (JavaScript and declarations, `.ts`
// imports rewritten to `.js`), then the files that are read at run time rather than imported
// (stylesheets, scripts served as they are), named as arguments relative to src/.
//
//   node ../../scripts/build-package.mjs [assets/ …]
import { execFileSync } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

// The package's own TypeScript, or the workspace root's (packages do not each install it).
const require = createRequire(join(process.cwd(), 'package.json'))
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc')

rmSync('dist', { recursive: true, force: true })
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
for (const path of process.argv.slice(2)) {
  cpSync(join('src', path), join('dist', path), { recursive: true })
}
