/** Starts the raw baselines (../baselines/raw-server.ts) as a child process on a free port. */
import { fileURLToPath } from 'node:url'
import type { RawConfig } from '../baselines/raw-server.ts'
import { startChild, stopChild } from './children.ts'
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
  const child = await startChild({
    name: 'raw baselines',
    command: process.execPath,
    args: ['--import', tsxLoader(), entry],
    env: { NODE_ENV: 'production', RAW_BASELINE_CONFIG: JSON.stringify({ ...config, port }) },
    readyUrl: `${url}/ready`,
  })
  return { url, pid: () => child.pid, stop: () => stopChild(child, 5_000) }
}
