/**
 * One checkout's state machine: creates the order, shows the summary, sends the buyer to the
 * PSP, and after the return asks the server until the payment is final. It renders
 * `CheckoutView` with Preact into the loader's container after every change (Preact's
 * top-level render is synchronous, so a second click in the same task already sees the modal).
 */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime)
import { h, render } from 'preact'
import { cleanReturn, isRetryable, isText, PREFIX, type Result, request, type WidgetError } from '../kit.ts'
import type { ModalController, ModalHost } from '../modal-contract.ts'
import type { Config } from '../options.ts'
import { isPayment, isSummary, type Order, type Payment, type Summary } from './answers.ts'
import { CheckoutView, FINAL_FAILURE, type Phase } from './checkout-view.tsx'
import { newKey } from './new-key.ts'
import { lockScroll } from './scroll-lock.ts'
import { showDialog } from './show-dialog.ts'

/** How long the widget keeps asking about a pending payment, or a server that does not answer. */
const POLL_MS = 120_000

/** The event each result fires (the others fire `Error`; `late` fires none). */
const EVENTS: Partial<Record<Phase, 'Success' | 'Pending' | 'Cancel'>> = {
  paid: 'Success',
  pending: 'Pending',
  cancelled: 'Cancel',
}

/** Runs checkouts in `host`'s container. */
export function checkout(host: ModalHost): ModalController {
  const { emit } = host
  let phase: Phase = ''
  /** The options of the running checkout. */
  let config: Config
  /** The order the modal shows: the summary, or the payment after a return. */
  let order: (Order & Partial<Summary & Payment>) | undefined
  /** The last request's failure, while it stands. */
  let error: WidgetError | undefined
  let clientRrn: string | undefined
  let key: string
  /** Bumped by every request and by stop(): answers to older requests are dropped. */
  let run = 0
  let abort: AbortController | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let deadline = 0
  let polls = 0
  /** The last result an event was fired for. */
  let told: Phase = ''
  /** Lets the page scroll again; set while the modal is open. */
  let unlock: (() => void) | undefined

  const set = (next: Phase): void => {
    phase = next
    host.busy(phase === 'loading' || phase === 'sending')
    if (phase) unlock ??= lockScroll()
    else unlock = void unlock?.()
    paint()
  }

  const stop = (): void => {
    run++
    abort?.abort()
    clearTimeout(timer)
  }

  /** One request of the running checkout; undefined when a newer request or stop() overtook it. */
  const call = async <T,>(
    path: string,
    accept: (body: unknown) => body is T,
    init?: RequestInit,
  ): Promise<Result<T> | undefined> => {
    const mine = ++run
    abort = new AbortController()
    // A 404 of the item: not for sale; of a payment: the embed points at the wrong server.
    const result = await request(
      config.endpoint + path,
      accept,
      init,
      init?.body ? 'not_found' : 'config',
      abort,
    )
    if (mine === run) {
      error = result.error
      // The merchant has to fix these: say so where developers look.
      if (error?.kind === 'config') console.error(PREFIX, error.message)
      if (error?.kind === 'origin')
        console.error(PREFIX, `add ${location.origin} to ALLOWED_ORIGINS of ${config.endpoint}`)
      return result
    }
  }

  const create = async (): Promise<void> => {
    clientRrn = order = undefined
    set('loading')
    const result = await call('/api/checkout', isSummary, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({
        item: config.item,
        quantity: config.quantity,
        return_url: config.returnUrl,
        locale: config.locale,
      }),
    })
    if (result?.error) {
      set('error')
      emit('Error', { error })
    } else if (result) {
      order = result.value
      clientRrn = order.client_rrn
      set('summary')
    }
  }

  /** Asks the server about the returned payment, again and again while it is not final. */
  const check = async (): Promise<void> => {
    // The server re-checks pending orders when polled: never answer from the HTTP cache.
    const result = await call(`/api/payments/${clientRrn}`, isPayment, { cache: 'no-store' })
    if (!result) return
    const left = deadline - Date.now()
    // Every answer or hiccup waits a little longer: 1, 2, 3 … 10 s.
    const again = (): void => {
      timer = setTimeout(check, Math.min(++polls * 1000, 10_000, left))
    }
    if (result.error)
      // The server did not answer: nothing is known, so the modal keeps "checking" (a few
      // times before the first answer, until the time is up while pending); never "failed".
      // A wrong set-up is said at once.
      return isRetryable(result.error) && left > 0 && (order || polls < 5) ? again() : set('late')
    order = result.value
    const { status, reason } = order
    // Back from the PSP with the order still `created` (no payment of this order came back):
    // not completed, as a cancel on the PSP's pages is.
    const shown: Phase =
      status === 'pending'
        ? left > 0
          ? 'pending'
          : 'late'
        : status === 'paid'
          ? 'paid'
          : status === 'created' || reason === 'cancelled'
            ? 'cancelled'
            : reason === 'declined'
              ? 'declined'
              : 'failed'
    set(shown)
    if (shown === 'pending') again()
    // Final: the address bar may forget the return, a reload would only ask again.
    else if (shown !== 'late') cleanReturn()
    if (shown !== told && shown !== 'late')
      emit(EVENTS[shown] ?? 'Error', {
        client_rrn: clientRrn,
        status,
        // Unchecked JSON (see isPayment): an object or a number must not reach the events.
        reason: (isText(reason) && reason) || undefined,
      })
    told = shown
  }

  /** Asks about the returned payment for another two minutes. */
  const watch = (): void => {
    deadline = Date.now() + POLL_MS
    polls = 0
    set('pending')
    void check()
  }

  const reset = (): void => {
    stop()
    set('')
    host.idle()
  }

  const close = (): void => {
    // Nothing closes it while the form is on its way: a close request of the platform is undone.
    if (phase === 'sending') paint()
    else if (phase) {
      // Before the modal goes: open()'s host leaves the page with it.
      if (phase === 'loading' || phase === 'summary') emit('Cancel', { client_rrn: clientRrn })
      reset()
    }
  }

  /** Try again: a new order after a failed payment, the check after a return, else the order. */
  const retry = (): void => {
    if (FINAL_FAILURE.test(phase)) {
      reset()
      host.restart?.()
    } else if (phase === 'late') watch()
    else {
      // A 409 means this key was used for another body: only a new key can succeed.
      if (error?.status === 409) key = newKey()
      void create()
    }
  }

  const confirm = (): void => {
    set('sending')
    // Back from the PSP through the back-forward cache, the page would still say "sending".
    addEventListener('pageshow', reset, { once: true })
    // Through the prototype: a field named "submit" would shadow form.submit.
    HTMLFormElement.prototype.submit.call(host.container.querySelector('form'))
  }

  function paint(): void {
    render(
      phase && (
        <CheckoutView
          phase={phase}
          locale={config.locale}
          order={order}
          error={error}
          canRestart={!!host.restart}
          onClose={close}
          onConfirm={confirm}
          onRetry={retry}
        />
      ),
      host.container,
    )
    showDialog(host.container)
  }

  return {
    start(current) {
      if (phase) return
      config = current
      key = newKey()
      void create()
    },
    close,
    reset,
    showReturn(current, rrn) {
      stop()
      config = current
      clientRrn = rrn
      order = undefined
      told = ''
      watch()
    },
  }
}
