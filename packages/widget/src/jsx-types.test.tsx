// @vitest-environment node
// The element's JSX declarations for Preact, checked by `pnpm typecheck` (this file is in the
// widget's tsconfig): a right use compiles, a wrong attribute value does not.
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime)
import { h } from 'preact'
import { describe, expect, it } from 'vitest'
import type {} from '../types/preact.d.ts'

describe('the Preact JSX declarations', () => {
  it('type the attributes and events of <portmanat-checkout>', () => {
    const element = (
      <portmanat-checkout
        item="premium"
        show-price
        quantity={2}
        theme="dark"
        onportmanat:success={(event) => event.detail.client_rrn}
      />
    )
    // @ts-expect-error: theme is light, dark or auto
    const wrong = <portmanat-checkout item="premium" theme="pink" />
    expect([element.type, wrong.type]).toEqual(['portmanat-checkout', 'portmanat-checkout'])
  })
})
