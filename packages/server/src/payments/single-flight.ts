/**
 * One `/check` at a time per PSP reference in this process: callbacks, the poll and the
 * follow-up job asking about one `psp_rrn` together share the first one's answer, so a burst of
 * callbacks for one payment costs the PSP one question.
 */
import type { PspClient } from '../psp/client.ts'

export function singleFlight(psp: PspClient): PspClient {
  const inFlight = new Map<string, ReturnType<PspClient['check']>>()
  return {
    check(psp_rrn, options) {
      let running = inFlight.get(psp_rrn)
      if (!running) {
        running = psp.check(psp_rrn, options).finally(() => inFlight.delete(psp_rrn))
        inFlight.set(psp_rrn, running)
      }
      return running
    },
  }
}
