/** Starts the raw baselines (../baselines/raw-server.ts) as a child process on a free port. */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { RawConfig } from '../baselines/raw-server.ts'
import { isRunning, stopChild, track, waitForExit } from './children.ts'
import { tsxLoader } from './commands.ts'
import { freePort } from './free-port.ts'

export interface RawProcess {
  url: string
  pid(): number | undefined
  stop(): Promise<void>
}

const entry = fileURLToPath(new URL('../baselines/raw-server.ts', import.meta.url))

export async function startRaw(config: Omit<RawConfig, 'port'>): Promise<RawProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', tsxLoader(), entry], {
    env: { ...process.env, NODE_ENV: 'production', RAW_BASELINE_CONFIG: JSON.stringify({ ...config, port }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  track(child)
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-16_000)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (!isRunning(child)) throw new Error(`raw baselines exited during start:\n${output}`)
    try {
      const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1_000) })
      await res.arrayBuffer()
      if (res.ok) return { url, pid: () => child.pid, stop: () => stopChild(child, 5_000) }
    } catch {
      // not listening yet
    }
    await waitForExit(child, 100)
  }
  child.kill('SIGKILL')
  throw new Error(`raw baselines did not start:\n${output}`)
}
