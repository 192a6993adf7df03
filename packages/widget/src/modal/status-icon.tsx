/**
 * The round mark above the dialog's title: a spinning arc while something is on its way, the
 * manat sign on the summary, else a glyph in the tone of the outcome. Inline SVG and a text
 * sign the amounts use anyway, hidden from assistive technology: the title says it in words.
 */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime)
import { h } from 'preact'

export type Tone = 'busy' | 'pay' | 'paid' | 'failed' | 'neutral'

/** The cross is the close button's too. */
export const CROSS = 'M6 6l12 12M18 6L6 18'

const GLYPHS: Record<Exclude<Tone, 'pay'>, string> = {
  busy: 'M12 5a7 7 0 0 1 7 7',
  paid: 'M6 12.5l4 4 8-9',
  failed: CROSS,
  neutral: 'M12 7v6m0 3.5v.5',
}

/** A stroked 24 × 24 glyph, hidden from assistive technology (its button or title says it). */
export const glyph = (path: string) => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <path d={path} />
  </svg>
)

export function StatusIcon({ tone }: { tone: Tone }) {
  return (
    <div class={`i ${tone}`} aria-hidden="true">
      {tone === 'pay' ? '₼' : glyph(GLYPHS[tone])}
    </div>
  )
}
