/**
 * Cryptographically random bytes handed out from a pooled buffer: one `randomFillSync` of 4 KiB
 * serves about a hundred client_rrns instead of a system call per id.
 */
import { randomFillSync } from 'node:crypto'

/** A `random(n)` that draws from a refilled pool; requests larger than the pool are served directly. */
export function pooledRandom(size = 4096): (n: number) => Uint8Array {
  const pool = new Uint8Array(size)
  let offset = size
  return (n) => {
    if (n > size) return randomFillSync(new Uint8Array(n))
    if (offset + n > size) {
      randomFillSync(pool)
      offset = 0
    }
    // A copy: the caller may keep it while the pool moves on.
    const bytes = pool.slice(offset, offset + n)
    offset += n
    return bytes
  }
}
