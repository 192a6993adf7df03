/**
 * The sandbox as a process of its own, in memory, on a free loopback port: one PSP that several
 * server instances ask (in sandbox mode each server otherwise asks its own mounted copy).
 */
import { startChild, stopChild } from './children.ts'
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
  const child = await startChild({
    name: 'sandbox',
    command,
    args,
    env: { PORT: String(port), HOST: '127.0.0.1', CALLBACK_URL: callbackUrl },
    readyUrl: `${url}/_sandbox/services`,
  })
  return { url, stop: () => stopChild(child, 5_000) }
}
