/**
 * The checkout as a small state machine, free of any UI: the element and `open()` render its
 * phase and call its methods. Everything it touches (the API, the form POST, the clock, the key
 * generator) is passed in, so tests drive it without a browser.
 */
import type { CheckoutResponse, Locale, OrderStatus, PaymentResponse } from '@portmanat-checkout/shared'
import type { ApiClient } from '../api/client.ts'
import { isRetryable, type WidgetError } from '../api/errors.ts'
import { PREFIX } from '../config/options.ts'
import { newIdempotencyKey } from './idempotency-key.ts'
import { submitRedirect } from './redirect-form.ts'
import type { ReturnParams } from './return-params.ts'

export type Phase =
  | { name: 'idle' }
  | { name: 'loading' }
  | { name: 'summary'; order: CheckoutResponse }
  | { name: 'submitting'; order: CheckoutResponse }
  /** `wait`: seconds before Retry makes sense (rate limiting), else 0. */
  | { name: 'error'; error: WidgetError; retry: boolean; wait: number }
  | { name: 'checking' }
  /** `polling`: still asking the server; false with `pending` means the time limit passed. */
  | { name: 'result'; status: 'paid' | 'pending' | 'failed'; payment: PaymentResponse; polling: boolean }

export type CheckoutEventName = 'success' | 'pending' | 'error' | 'cancel'

/** Detail of the `portmanat:*` events and argument of the `on*` callbacks. */
export interface CheckoutEventDetail {
  client_rrn?: string
  status?: OrderStatus
  error?: WidgetError
}

export interface ControllerOptions {
  client: ApiClient
  /** The catalogue item; absent when the controller only shows a return. */
  item?: string | undefined
  returnUrl: string
  locale: Locale
  emit: (name: CheckoutEventName, detail: CheckoutEventDetail) => void
  onChange: (phase: Phase) => void
  /** @default newIdempotencyKey */
  newKey?: () => string
  /** @default submitRedirect (a top-level form POST) */
  submit?: (redirect: CheckoutResponse['redirect']) => void
  /** Waits between two polls of a pending payment; the last one repeats. @default 1 s, 2 s, 3 s, 5 s, 8 s, 10 s */
  pollDelays?: readonly number[]
  /** How long to poll a pending payment. @default 120000 */
  pollLimitMs?: number
  /** @default Date.now */
  now?: () => number
}

const DELAYS = [1000, 2000, 3000, 5000, 8000, 10_000]

/** One checkout button's (or one `open()` call's) state and actions. */
export interface CheckoutController {
  readonly phase: Phase
  /** The Pay button was pressed: a new attempt with a new idempotency key. */
  start(): void
  /** Confirm in the summary: post the signed form to the PSP. */
  confirm(): void
  /** Retry after an error (same idempotency key), or a new attempt after a failed payment. */
  retry(): void
  /** Cancel, Close, Escape or a backdrop click. Ignored while the form is being submitted. */
  close(): void
  /** Back to idle without events, e.g. when the page comes back from the back-forward cache. */
  reset(): void
  /** Stops requests and timers for good (the element left the page). */
  stop(): void
  /** The buyer came back from the PSP: show what the server says about the order. */
  showReturn(params: ReturnParams): void
}

/**
 * Makes a controller. State lives in closures rather than class fields: the minifier can
 * shorten local names but not property names, and every byte counts in the script-tag bundle.
 */
export function createCheckout(options: ControllerOptions): CheckoutController {
  const {
    client,
    item,
    returnUrl,
    locale,
    emit,
    onChange,
    newKey = newIdempotencyKey,
    submit = submitRedirect,
    pollDelays = DELAYS,
    pollLimitMs = 120_000,
    now = Date.now,
  } = options
  let phase: Phase = { name: 'idle' }
  let key = ''
  /** What Retry repeats. */
  let last: 'checkout' | 'return' = 'checkout'
  /** Bumped by stop(): answers to older requests are dropped. */
  let generation = 0
  let abort: AbortController | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let clientRrn = ''
  let pollStart = 0
  let polls = 0

  const set = (next: Phase): void => {
    phase = next
    onChange(next)
  }

  const later = (ms: number, run: () => void): void => {
    clearTimeout(timer)
    timer = setTimeout(run, ms)
  }

  const fail = (error: WidgetError): void => {
    const wait = error.kind === 'rate_limited' ? (error.retryAfter ?? 0) : 0
    const failed: Phase = { name: 'error', error, retry: isRetryable(error), wait }
    set(failed)
    if (wait > 0) later(wait * 1000, () => phase === failed && set({ ...failed, wait: 0 }))
    // The merchant has to fix these; say so where developers look.
    if (error.kind === 'config' || error.kind === 'return_url') console.error(`${PREFIX} ${error.message}`)
    emit('error', { ...(clientRrn ? { client_rrn: clientRrn } : {}), error })
  }

  const request = async (): Promise<void> => {
    const current = generation
    clientRrn = ''
    abort = new AbortController()
    set({ name: 'loading' })
    const result = await client.checkout(
      { item: item ?? '', return_url: returnUrl, locale },
      key,
      abort.signal,
    )
    if (current !== generation) return
    if (!result.ok) return fail(result.error)
    clientRrn = result.value.client_rrn
    set({ name: 'summary', order: result.value })
  }

  const check = async (): Promise<void> => {
    const current = generation
    const wasPending = phase.name === 'result' && phase.status === 'pending'
    if (!wasPending) set({ name: 'checking' })
    const result = await client.payment(clientRrn)
    if (current !== generation) return
    const timeLeft = pollStart + pollLimitMs - now()
    const again = () => {
      const delay = pollDelays[Math.min(polls++, pollDelays.length - 1)] ?? 1000
      later(Math.min(delay, Math.max(timeLeft, 0)), () => void check())
    }
    if (!result.ok) {
      // While already showing "pending", a failed poll is a hiccup: keep the last answer.
      if (wasPending && timeLeft > 0 && isRetryable(result.error)) return again()
      return fail(result.error)
    }
    const payment = result.value
    const detail = { client_rrn: payment.client_rrn, status: payment.status }
    if (payment.status === 'paid') {
      set({ name: 'result', status: 'paid', payment, polling: false })
      return emit('success', detail)
    }
    if (payment.status === 'failed' || payment.status === 'expired') {
      set({ name: 'result', status: 'failed', payment, polling: false })
      return emit('error', detail)
    }
    const polling = timeLeft > 0
    set({ name: 'result', status: 'pending', payment, polling })
    if (!wasPending) emit('pending', detail)
    if (polling) again()
  }

  const stop = (): void => {
    generation++
    abort?.abort()
    clearTimeout(timer)
  }

  const start = (): void => {
    if (phase.name !== 'idle' || !item) return
    key = newKey()
    last = 'checkout'
    void request()
  }

  return {
    get phase() {
      return phase
    },
    start,
    stop,
    confirm() {
      if (phase.name !== 'summary') return
      const { order } = phase
      set({ name: 'submitting', order })
      try {
        submit(order.redirect)
      } catch (cause) {
        fail({ kind: 'malformed', message: `could not submit the payment form: ${String(cause)}` })
      }
    },
    retry() {
      if (phase.name === 'result' && phase.status === 'failed' && item) {
        set({ name: 'idle' })
        return start()
      }
      if (phase.name !== 'error' || !phase.retry || phase.wait > 0) return
      if (last === 'return') return void check()
      // A 409 means this key was used for a different body: only a new key can succeed.
      if (phase.error.kind === 'conflict') key = newKey()
      void request()
    },
    close() {
      const before = phase
      if (before.name === 'submitting' || before.name === 'idle') return
      stop()
      set({ name: 'idle' })
      if (before.name === 'loading' || before.name === 'summary') {
        emit('cancel', before.name === 'summary' ? { client_rrn: before.order.client_rrn } : {})
      }
    },
    reset() {
      stop()
      if (phase.name !== 'idle') set({ name: 'idle' })
    },
    showReturn(params) {
      stop()
      last = 'return'
      clientRrn = params.clientRrn
      pollStart = now()
      polls = 0
      void check()
    },
  }
}
