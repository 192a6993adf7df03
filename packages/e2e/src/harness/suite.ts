import { rmSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { type BuyerOptions, type BuyerSession, launchChromium, openBuyer } from './browser.ts'
import { type MerchantSite, startMerchantSite } from './merchant-site.ts'
import { type ServerProcess, startServer } from './server-process.ts'

/** What a test file gets from {@link useE2e}. */
export interface E2e {
  readonly server: ServerProcess
  readonly site: MerchantSite
  readonly browser: Browser
  /** A fresh buyer (own browser context), closed after the test. */
  buyer(options?: BuyerOptions): Promise<BuyerSession>
}

/** Options of {@link useE2e}. */
export interface UseE2eOptions {
  /** Extra environment variables for the server child. */
  serverEnv?: Record<string, string>
}

/**
 * Registers the hooks of one e2e file: Chromium, a merchant site, then the real server (allowing
 * the site's origin) — once per file; a new browser context per test; everything stopped in
 * `afterAll` even when tests fail. On a failure the server's output and the page's console are
 * printed, since the reason is usually there.
 */
export const useE2e = ({ serverEnv = {} }: UseE2eOptions = {}): E2e => {
  let server: ServerProcess | undefined
  let site: MerchantSite | undefined
  let browser: Browser | undefined
  // `open` is closed after each test; `seen` keeps the test's diagnostics for the failure report,
  // which vitest may run after the afterEach hooks.
  const open: BuyerSession[] = []
  let seen: BuyerSession[] = []

  beforeAll(async () => {
    // Chromium first: when it is missing, say so before starting anything else.
    browser = await launchChromium()
    site = await startMerchantSite()
    server = await startServer({ allowedOrigins: [site.origin], env: serverEnv })
  })

  afterAll(async () => {
    await browser?.close()
    const exit = await server?.stop()
    await site?.close()
    // The database and sandbox state were this file's alone; the output tail is in any failure.
    if (server) rmSync(server.dataDir, { recursive: true, force: true })
    if (exit && exit.code !== 0 && exit.signal === null) {
      throw new Error(`server exited with code ${exit.code} on SIGTERM:\n${server?.output()}`)
    }
  })

  beforeEach((context) => {
    const sessions: BuyerSession[] = []
    seen = sessions
    context.onTestFailed(() => {
      const consoleLines = sessions.flatMap((s) => s.diagnostics.console)
      const violations = sessions.flatMap((s) => s.diagnostics.cspViolations)
      console.error(
        [
          `--- server output (tail) ---\n${server?.output().slice(-8_000) ?? ''}`,
          `--- page console ---\n${consoleLines.join('\n')}`,
          violations.length ? `--- CSP violations ---\n${JSON.stringify(violations, null, 2)}` : '',
        ].join('\n'),
      )
    })
  })

  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.context.close()))
  })

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test`)
    return value
  }

  return {
    get server() {
      return need(server, 'the server')
    },
    get site() {
      return need(site, 'the merchant site')
    },
    get browser() {
      return need(browser, 'Chromium')
    },
    buyer: async (options) => {
      const session = await openBuyer(need(browser, 'Chromium'), options)
      open.push(session)
      seen.push(session)
      return session
    },
  }
}
