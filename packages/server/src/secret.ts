import { inspect } from 'node:util'

const REDACTED = '[redacted]'

/**
 * A secret value (the PSP key, the merchant API key, the webhook secret) that cannot leak by
 * accident: printing, logging or serialising it yields `[redacted]`; only {@link Secret.reveal}
 * gives the value, and only the code that signs or compares calls it.
 */
export class Secret {
  readonly #value: string

  constructor(value: string) {
    this.#value = value
  }

  /** The value itself: for signing and constant-time comparison only. */
  reveal(): string {
    return this.#value
  }

  toString(): string {
    return REDACTED
  }

  toJSON(): string {
    return REDACTED
  }

  [inspect.custom](): string {
    return REDACTED
  }
}
