/**
 * The round mark above the dialog's title: a spinner while something is on its way, else a
 * glyph in the tone of the outcome. Inline SVG, no text: the title says the same in words.
 */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime)
import { h } from 'preact'

export type Tone = 'busy' | 'lock' | 'paid' | 'failed' | 'neutral' | 'warn'

const GLYPHS: Record<Exclude<Tone, 'busy'>, string> = {
  lock: 'M8 11V8a4 4 0 0 1 8 0v3M7 11h10v7H7z',
  paid: 'M6 12.5l4 4 8-9',
  failed: 'M7 7l10 10M17 7L7 17',
  neutral: 'M12 7v6m0 3.5v.5',
  warn: 'M12 7v5l3 3',
}

export function StatusIcon({ tone }: { tone: Tone }) {
  return (
    <div class={`i ${tone}`} aria-hidden="true">
      {tone !== 'busy' && (
        // biome-ignore lint/a11y/noSvgWithoutTitle: decoration; the title says it in words
        <svg viewBox="0 0 24 24">
          <path d={GLYPHS[tone]} />
        </svg>
      )}
    </div>
  )
}
