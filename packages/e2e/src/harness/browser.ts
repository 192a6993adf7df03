import { existsSync } from 'node:fs'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

/** Where Debian's `chromium` package puts the browser (`npx playwright install` cannot run here). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Launches the system Chromium headless, or fails saying how to install it. */
export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` ` +
        '(or point CHROMIUM_PATH at a Chromium binary)',
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A `securitypolicyviolation` event as the page reported it. */
export interface CspViolation {
  directive: string
  blockedURI: string
  documentURI: string
  sample: string
}

/** What a page said while the test ran, collected across navigations. */
export interface Diagnostics {
  /** `console.error` / `console.warn` lines and uncaught page errors. */
  problems: string[]
  /** Every console line, for failure messages. */
  console: string[]
  cspViolations: CspViolation[]
  /** The widget's `portmanat:*` DOM events (type and detail), in order, across navigations. */
  widgetEvents: WidgetEvent[]
}

/** A `portmanat:*` event seen on the document. */
export interface WidgetEvent {
  type: string
  detail: unknown
  /** The page's URL when it fired. */
  url: string
}

/** A fresh browser context (no cookies or storage shared with other tests) and one page in it. */
export interface BuyerSession {
  context: BrowserContext
  page: Page
  diagnostics: Diagnostics
}

/** Options of {@link openBuyer}. */
export interface BuyerOptions {
  /** Browser UI language, sent as `Accept-Language`. @default 'en-US' */
  locale?: string
  /** @default 1280×800 */
  viewport?: { width: number; height: number }
  /** `false`: a buyer whose browser runs no script (init scripts then never run either). @default true */
  javaScriptEnabled?: boolean
  /** `prefers-color-scheme` of the buyer's system. @default 'light' */
  colorScheme?: 'light' | 'dark'
}

declare global {
  interface Window {
    __e2eCspViolation?: (violation: CspViolation) => void
    __e2eWidgetEvent?: (event: WidgetEvent) => void
  }
}

/**
 * Opens a buyer: a new context with a page that reports CSP violations and console problems to
 * the test (through an exposed binding, so reports survive the navigations to the PSP and back).
 */
export const openBuyer = async (
  browser: Browser,
  {
    locale = 'en-US',
    viewport = { width: 1280, height: 800 },
    javaScriptEnabled = true,
    colorScheme = 'light',
  }: BuyerOptions = {},
): Promise<BuyerSession> => {
  const context = await browser.newContext({ locale, viewport, javaScriptEnabled, colorScheme })
  context.setDefaultTimeout(15_000)
  context.setDefaultNavigationTimeout(20_000)
  const diagnostics: Diagnostics = { problems: [], console: [], cspViolations: [], widgetEvents: [] }
  await context.exposeBinding('__e2eCspViolation', (_source, violation: CspViolation) => {
    diagnostics.cspViolations.push(violation)
  })
  await context.exposeBinding('__e2eWidgetEvent', (_source, event: WidgetEvent) => {
    diagnostics.widgetEvents.push(event)
  })
  await context.addInitScript(() => {
    // The widget's events bubble and are composed, so the document sees them all.
    for (const type of ['portmanat:success', 'portmanat:pending', 'portmanat:error', 'portmanat:cancel']) {
      document.addEventListener(type, (event) => {
        const detail = event instanceof CustomEvent ? event.detail : undefined
        window.__e2eWidgetEvent?.({
          type,
          detail: JSON.parse(JSON.stringify(detail ?? null)),
          url: location.href,
        })
      })
    }
    window.addEventListener(
      'securitypolicyviolation',
      (event) => {
        window.__e2eCspViolation?.({
          directive: event.effectiveDirective,
          blockedURI: event.blockedURI,
          documentURI: event.documentURI,
          sample: event.sample,
        })
      },
      true,
    )
  })
  const page = await context.newPage()
  page.on('console', (message) => {
    const line = `[${message.type()}] ${message.text()} (${message.location().url})`
    diagnostics.console.push(line)
    // Chromium warns about Permissions-Policy features it does not know (the list differs by
    // version): about the browser, not a problem of the page.
    if (
      (message.type() === 'error' || message.type() === 'warning') &&
      !message.text().startsWith('Error with Permissions-Policy header: Unrecognized feature')
    )
      diagnostics.problems.push(line)
  })
  page.on('pageerror', (error) => diagnostics.problems.push(`[pageerror] ${error.message}`))
  return { context, page, diagnostics }
}
