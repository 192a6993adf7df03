// @vitest-environment node
// Checks the hand-written declarations of the ES module build against the source: the type
// assertions run under `pnpm typecheck`, the export list at test time.
import { readFileSync } from 'node:fs'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type * as Declared from '../types/index.d.ts'
import type * as Source from './index.ts'
import * as widget from './index.ts'

describe('types/index.d.ts', () => {
  it('matches the source types in both directions', () => {
    expectTypeOf<Declared.OpenOptions>().toEqualTypeOf<Source.OpenOptions>()
    expectTypeOf<Declared.ReturnOptions>().toEqualTypeOf<Source.ReturnOptions>()
    expectTypeOf<Declared.CheckoutEventDetail>().toEqualTypeOf<Source.CheckoutEventDetail>()
    expectTypeOf<Declared.CheckoutEventName>().toEqualTypeOf<Source.CheckoutEventName>()
    expectTypeOf<Declared.FailureReason>().toEqualTypeOf<Source.FailureReason>()
    expectTypeOf<Declared.WidgetError>().toEqualTypeOf<Source.WidgetError>()
    expectTypeOf<Declared.Locale>().toEqualTypeOf<Source.Locale>()
    expectTypeOf<Declared.Theme>().toEqualTypeOf<Source.Theme>()
    expectTypeOf<Declared.OpenHandle>().toEqualTypeOf<Source.OpenHandle>()
    expectTypeOf<Declared.DefineOptions>().toEqualTypeOf<Source.DefineOptions>()
    expectTypeOf<typeof Declared.open>().toEqualTypeOf<typeof Source.open>()
    expectTypeOf<typeof Declared.define>().toEqualTypeOf<typeof Source.define>()
    expectTypeOf<typeof Declared.handleReturn>().toEqualTypeOf<typeof Source.handleReturn>()
  })

  it('declares every runtime export', () => {
    const text = readFileSync(new URL('../types/index.d.ts', import.meta.url), 'utf8')
    for (const name of Object.keys(widget))
      expect(text).toMatch(new RegExp(`export declare (function|const) ${name}\\b`))
  })
})
