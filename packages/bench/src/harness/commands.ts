/**
 * How the real server (and the standalone sandbox) are started: the one place to change when
 * that changes. The built bin (`node --conditions=portmanat-built packages/server/dist/bin.js
 * serve`, as `pnpm start` runs it) when it exists, else `src/serve.ts` under tsx. Either way the child is a single
 * Node process (no wrapper), so its pid is the server's: signals reach it, `/proc/<pid>` is its
 * memory, `--cpu-prof` profiles it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)

/**
 * The V8 memory flags `pnpm start` and the README's systemd unit run the server with: a smaller
 * young generation and an old-generation limit make the heap collect sooner, which keeps a server
 * under load near 110 MB instead of 160 (see docs/benchmarks.md). Kept equal to `pnpm start`'s by
 * a test.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=128'] as const

/** In the workspace, our packages' `exports` lead to their TypeScript unless asked for the build. */
const BUILT = '--conditions=portmanat-built'

/** Where `name`'s entry point is, whichever conditions its `exports` offer. */
function entryOf(name: string): string {
  try {
    return fileURLToPath(import.meta.resolve(name))
  } catch {
    return require.resolve(name)
  }
}

/** The folder of an installed workspace package, found through its entry point. */
function packageDir(name: string): string {
  let dir = dirname(entryOf(name))
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find the folder of ${name}`)
    dir = parent
  }
}

export interface ServerCommand {
  /** `process.execPath`. */
  command: string
  args: string[]
  /** Which form runs: the built JavaScript or the TypeScript source under tsx. */
  form: 'dist' | 'tsx'
}

/** `node [nodeFlags] <server>`; `nodeFlags` such as `--cpu-prof` go to the server's own process. */
export function serverCommand(nodeFlags: readonly string[] = []): ServerCommand {
  const server = packageDir('@portmanat-checkout/server')
  const bin = join(server, 'dist', 'bin.js')
  if (existsSync(bin)) {
    return {
      command: process.execPath,
      args: [...SERVER_NODE_FLAGS, ...nodeFlags, BUILT, bin, 'serve'],
      form: 'dist',
    }
  }
  return {
    command: process.execPath,
    args: [...nodeFlags, '--import', tsxLoader(), join(server, 'src', 'serve.ts')],
    form: 'tsx',
  }
}

/** The sandbox on its own (`packages/sandbox/src/main.ts`, or its build): a PSP several servers share. */
export function sandboxCommand(): ServerCommand {
  const sandbox = packageDir('@portmanat-checkout/sandbox')
  const built = join(sandbox, 'dist', 'main.js')
  if (existsSync(built)) return { command: process.execPath, args: [BUILT, built], form: 'dist' }
  return {
    command: process.execPath,
    args: ['--import', tsxLoader(), join(sandbox, 'src', 'main.ts')],
    form: 'tsx',
  }
}

/** `--import` value that loads TypeScript: tsx's ESM entry, as a file URL. */
export function tsxLoader(): string {
  return pathToFileURL(require.resolve('tsx')).href
}
