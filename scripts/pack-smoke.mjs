#!/usr/bin/env node
// The packages as a merchant gets them: builds and packs shared, sandbox, widget and server,
// installs the four tarballs with plain npm in an empty folder (no workspace, no tsx), then
//   - `npx portmanat-checkout` serves the sandbox demo: /healthz, /widget.js, both stylesheets,
//     one sandbox checkout (201); the operator's commands run beside it (`doctor` all ok,
//     `orders list --json` finds the order, `webhook-secret`); SIGTERM stops it cleanly;
//   - `portmanat-sandbox` starts on its own and serves its stylesheet;
//   - the widget's ES module and the server's API import in Node without a DOM;
//   - the declarations type-check from a consumer's file;
//   - the built code imports nothing that is not a dependency (no test helper in dist/).
// Every step has a deadline and the whole run one more; the temp folder is removed afterwards
// (KEEP=1 keeps it).
//
//   node scripts/pack-smoke.mjs
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const TOTAL_MS = 8 * 60_000
const started = Date.now()
const temp = mkdtempSync(join(tmpdir(), 'portmanat-pack-'))
/** Where the tarballs are installed: the merchant's empty folder. */
const app = join(temp, 'app')
const children = new Set()

const log = (line) =>
  process.stdout.write(`[pack-smoke ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`)

function cleanup() {
  for (const child of children) stopGroup(child, 'SIGKILL')
  if (process.env.KEEP) log(`kept ${temp}`)
  else rmSync(temp, { recursive: true, force: true })
}

function fail(message) {
  process.stderr.write(`[pack-smoke] FAILED: ${message}\n`)
  cleanup()
  process.exit(1)
}

const overall = setTimeout(() => fail(`not done after ${TOTAL_MS / 1000} s`), TOTAL_MS)
overall.unref()
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => fail(`interrupted (${signal})`))

/** Runs a command to completion within `timeoutMs`, output shown; throws on failure. */
function run(command, args, { cwd = ROOT, env = process.env, timeoutMs = 120_000 } = {}) {
  log(`$ ${command} ${args.join(' ')}`)
  try {
    execFileSync(command, args, { cwd, env, stdio: 'inherit', timeout: timeoutMs, killSignal: 'SIGKILL' })
  } catch (error) {
    fail(`${command} ${args.join(' ')}: ${error instanceof Error ? error.message : error}`)
  }
}

const ok = (message) => log(`ok: ${message}`)

/** Runs a command in the merchant's folder within `timeoutMs` and returns its exit code and output. */
function capture(command, args, env, timeoutMs = 60_000) {
  log(`$ ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, {
    cwd: app,
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  })
  if (result.error) fail(`${command} ${args.join(' ')}: ${result.error.message}`)
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function check(condition, message) {
  if (!condition) fail(message)
  ok(message)
}

async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address()
  probe.close()
  return port
}

/** The environment of a fresh machine: nothing of ours that would switch modes or point elsewhere. */
function cleanEnv(extra) {
  const ours =
    /^(PORTMANAT_|PUBLIC_URL$|DATABASE_URL$|CATALOG$|ALLOWED_ORIGINS$|TRUST_PROXY$|RATE_LIMIT$|WEBHOOK_|MERCHANT_|DASHBOARD_|TELEGRAM_|SMTP_|MAIL_|SANDBOX_|CALLBACK_URL$|HOST$|PORT$|NODE_ENV$|NODE_OPTIONS$)/
  return { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !ours.test(key))), ...extra }
}

/** Starts `command` in a process group of its own, so a signal reaches npx and the server alike. */
function startGroup(command, args, env) {
  const child = spawn(command, args, { cwd: app, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  let output = ''
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-64_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  child.on('exit', () => children.delete(child))
  return { child, output: () => output }
}

function stopGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

/** Whether any process of the group is still alive. */
function groupAlive(child) {
  try {
    process.kill(-child.pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitFor(url, server, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (server.child.exitCode !== null) fail(`exited early (${server.child.exitCode}):\n${server.output()}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  fail(`${url} did not answer within ${timeoutMs / 1000} s:\n${server.output()}`)
}

/** SIGTERM to the group, as systemd does; every process must be gone within `timeoutMs`. */
async function stopAndWait(server, timeoutMs = 15_000) {
  stopGroup(server.child, 'SIGTERM')
  const until = Date.now() + timeoutMs
  while (groupAlive(server.child) && Date.now() < until) await sleep(100)
  return !groupAlive(server.child)
}

const get = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(10_000) })

// 1. Build and pack: the server and every package it depends on (shared, sandbox, widget).
const tarballs = join(temp, 'tarballs')
run('pnpm', ['build'], { timeoutMs: 180_000 })
run('pnpm', ['--filter', '@portmanat-checkout/server...', 'pack', '--pack-destination', tarballs, '--silent'])
const files = readdirSync(tarballs).filter((name) => name.endsWith('.tgz'))
check(files.length === 4, `four tarballs (${files.join(', ')})`)

// 2. Install them with npm alone. better-sqlite3 has no prebuilt binary here and compiles with
// node-gyp: point it at this Node's installed headers (as .pnpmfile.cjs does for pnpm) so it
// needs no download, and allow its install script (npm 11 asks for that in allowScripts).
mkdirSync(app)
writeFileSync(
  join(app, 'package.json'),
  `${JSON.stringify({ private: true, allowScripts: { 'better-sqlite3': true } }, null, 2)}\n`,
)
const nodeDir = resolve(dirname(process.execPath), '..')
const npmEnv = {
  ...process.env,
  ...(!process.env.npm_config_nodedir && existsSync(join(nodeDir, 'include', 'node', 'node.h'))
    ? { npm_config_nodedir: nodeDir }
    : {}),
}
run(
  'npm',
  ['install', '--no-audit', '--no-fund', '--no-package-lock', ...files.map((name) => join(tarballs, name))],
  { cwd: app, env: npmEnv, timeoutMs: 300_000 },
)
check(!existsSync(join(app, 'node_modules', 'tsx')), 'tsx is not installed (nothing runs through it)')
check(
  existsSync(join(app, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')),
  'better-sqlite3 is built',
)
// npx would look a missing bin up on the registry: make sure it is ours, installed here.
check(
  existsSync(join(app, 'node_modules', '.bin', 'portmanat-checkout')),
  'the portmanat-checkout bin is installed',
)

// Every import in a package's built code names Node itself or one of that package's dependencies:
// a test helper that slipped into dist/ (importing vitest, say) would fail here, not at a merchant.
for (const name of ['shared', 'sandbox', 'server']) {
  const root = join(app, 'node_modules', '@portmanat-checkout', name)
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const allowed = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {})])
  const strays = new Set()
  for (const file of readdirSync(join(root, 'dist'), { recursive: true })) {
    if (!String(file).endsWith('.js')) continue
    const code = readFileSync(join(root, 'dist', String(file)), 'utf8')
    // Import and export statements at the start of a line (as tsc writes them), and import().
    const statements = code.matchAll(
      /^\s*(?:import\s+(?:[^;'"]*?\s+from\s+)?|export\s+(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+)['"]([^'"]+)['"]/gm,
    )
    const dynamic = code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)
    for (const [, specifier = ''] of [...statements, ...dynamic]) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) continue
      const parts = specifier.split('/')
      const pkg = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
      if (!specifier.startsWith('node:') && !isBuiltin(specifier) && !allowed.has(pkg)) {
        strays.add(`${file}: ${specifier}`)
      }
    }
  }
  check(
    strays.size === 0,
    `${manifest.name} imports only Node and its dependencies${strays.size ? `, not ${[...strays].join(', ')}` : ''}`,
  )
}

// 3. `npx portmanat-checkout` with no configuration: the sandbox demo.
{
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const env = cleanEnv({ PORT: String(port), DATABASE_URL: `sqlite:${join(app, 'data', 'payments.db')}` })
  log(`$ npx --no portmanat-checkout   (PORT=${port})`)
  const server = startGroup('npx', ['--no', 'portmanat-checkout'], env)
  await waitFor(`${base}/healthz`, server)
  const health = await get(`${base}/healthz`)
  check(health.status === 200, `GET /healthz → ${health.status}`)
  const widget = await get(`${base}/widget.js`)
  const widgetType = widget.headers.get('content-type') ?? ''
  const widgetBody = await widget.text()
  check(
    widget.status === 200 && widgetType.startsWith('text/javascript') && widgetBody.length > 1000,
    `GET /widget.js → ${widget.status} ${widgetType}, ${widgetBody.length} B`,
  )
  for (const path of ['/assets/portmanat.css', '/sandbox/assets/sandbox.css']) {
    const css = await get(`${base}${path}`)
    check(css.status === 200 && (await css.text()).length > 100, `GET ${path} → ${css.status}`)
  }
  const checkout = await get(`${base}/api/checkout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ item: 'premium' }),
  })
  const order = await checkout.json()
  check(
    checkout.status === 201 && typeof order.client_rrn === 'string' && order.redirect?.fields?.hash,
    `POST /api/checkout {"item":"premium"} → ${checkout.status}, client_rrn ${order.client_rrn}`,
  )

  // The operator's commands, from the installed bin, beside the running server (same configuration).
  const doctor = capture('npx', ['--no', 'portmanat-checkout', 'doctor'], env)
  check(
    doctor.code === 0 && /^All \d+ checks ok\.$/m.test(doctor.stdout),
    `npx portmanat-checkout doctor → exit ${doctor.code}, ${doctor.stdout.trim().split('\n').at(-1)}${doctor.code === 0 ? '' : `\n${doctor.stdout}${doctor.stderr}`}`,
  )
  const listed = capture('npx', ['--no', 'portmanat-checkout', 'orders', 'list', '--json'], env)
  let orders = []
  try {
    orders = JSON.parse(listed.stdout)
  } catch {
    fail(`orders list --json printed something else than JSON:\n${listed.stdout}${listed.stderr}`)
  }
  check(
    listed.code === 0 &&
      orders.length === 1 &&
      orders[0].client_rrn === order.client_rrn &&
      orders[0].amount === '5.23',
    `npx portmanat-checkout orders list --json → exit ${listed.code}, the order ${orders[0]?.client_rrn} at ${orders[0]?.amount}`,
  )
  const secret = capture('npx', ['--no', 'portmanat-checkout', 'webhook-secret'], env)
  check(
    secret.code === 0 && /^whsec_[A-Za-z0-9+/]{43}=\n$/.test(secret.stdout),
    `npx portmanat-checkout webhook-secret → exit ${secret.code}, whsec_ and 32 random bytes`,
  )
  const usage = capture('npx', ['--no', 'portmanat-checkout', 'orders', 'lst'], env)
  check(
    usage.code === 2 && usage.stdout === '',
    `npx portmanat-checkout orders lst → exit ${usage.code} (usage)`,
  )

  check(await stopAndWait(server), 'SIGTERM: npx and the server exit within 15 s')
  check(
    server.output().includes('"event":"server.stopped"'),
    'the server shut down gracefully (server.stopped logged)',
  )
}

// 4. The sandbox's own bin.
{
  const port = await freePort()
  const sandbox = startGroup(
    join(app, 'node_modules', '.bin', 'portmanat-sandbox'),
    [],
    cleanEnv({ PORT: String(port) }),
  )
  await waitFor(`http://127.0.0.1:${port}/assets/sandbox.css`, sandbox)
  ok('portmanat-sandbox serves its pages on its own')
  check(await stopAndWait(sandbox), 'SIGTERM: portmanat-sandbox exits')
}

// 5. The modules import in plain Node, without a DOM.
run(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `const widget = await import('@portmanat-checkout/widget')
     if (typeof widget.open !== 'function') throw new Error('widget: no open()')
     const server = await import('@portmanat-checkout/server')
     if (typeof server.createApp !== 'function') throw new Error('server: no createApp()')
     const sandbox = await import('@portmanat-checkout/sandbox')
     if (typeof sandbox.createSandbox !== 'function') throw new Error('sandbox: no createSandbox()')
     const shared = await import('@portmanat-checkout/shared')
     if (typeof shared.parseAmount !== 'function') throw new Error('shared: no parseAmount()')`,
  ],
  { cwd: app, timeoutMs: 30_000 },
)
ok('widget, server, sandbox and shared import in Node without a DOM')

// 6. The declarations, as a TypeScript consumer sees them (this workspace's tsc and Node types).
writeFileSync(
  join(app, 'consumer.ts'),
  `import { createApp, type Config, loadConfig } from '@portmanat-checkout/server'
import { createSandbox, DEMO_SERVICE } from '@portmanat-checkout/sandbox'
import { parseAmount } from '@portmanat-checkout/shared'
import { open } from '@portmanat-checkout/widget'
const config: Config = loadConfig()
const sandbox = createSandbox({ services: [{ ...DEMO_SERVICE, callback_url: 'http://127.0.0.1/cb' }] })
export { config, createApp, sandbox, parseAmount, open }
`,
)
writeFileSync(
  join(app, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      strict: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules', '@types')],
    },
    files: ['consumer.ts'],
  }),
)
run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], {
  timeoutMs: 60_000,
})
ok('the declarations type-check from a consumer')

log('all checks passed')
cleanup()
process.exit(0)
