/**
 * The sandbox as a process of its own, in memory, on a free loopback port: one PSP that several
 * server instances ask (in sandbox mode each server otherwise asks its own mounted copy).
 */
import { spawn } from 'node:child_process'
import { isRunning, stopChild, track, waitForExit } from './children.ts'
import { sandboxCommand } from './commands.ts'
import { freePort } from './free-port.ts'

export interface SandboxProcess {
  url: string
  stop(): Promise<void>
}

/** Starts it with the demo service, whose buyers are sent to `callbackUrl`. */
export async function startSandbox(callbackUrl: string): Promise<SandboxProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const { command, args } = sandboxCommand()
  let output = ''
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CALLBACK_URL: callbackUrl },
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
    if (!isRunning(child)) throw new Error(`sandbox exited during start:\n${output}`)
    try {
      const res = await fetch(`${url}/_sandbox/services`, { signal: AbortSignal.timeout(1_000) })
      await res.arrayBuffer()
      if (res.ok) return { url, stop: () => stopChild(child, 5_000) }
    } catch {
      // not listening yet
    }
    await waitForExit(child, 100)
  }
  child.kill('SIGKILL')
  throw new Error(`sandbox did not start:\n${output}`)
}
