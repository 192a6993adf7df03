// @vitest-environment node
// The modal chunk borrows the loader's code only through `kit.ts` (the script build swaps that
// module for the loader's copy): any other value import from outside src/modal/ would ship a
// second copy of it in the chunk.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const dir = new URL('./', import.meta.url)
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
  (name) => /\.tsx?$/.test(name) && !name.includes('.test.'),
)

describe('the modal chunk', () => {
  it.each(files)('%s imports values from the loader only through kit.ts', (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8')
    const imports = [...text.matchAll(/^import (type )?[^'"]*from '([^']+)'/gm)]
    const outside = imports
      .filter(
        ([, type, from]) =>
          !type &&
          from?.startsWith('.') &&
          new URL(from, new URL(name, dir)).pathname.indexOf('/src/modal/') < 0,
      )
      .map(([, , from]) => from)
    expect(outside.every((from) => /\/kit\.ts$/.test(from ?? ''))).toBe(true)
  })
})
