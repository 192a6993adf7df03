/**
 * Two library builds of the same sources:
 * - `vite build` → `dist/widget.js`, one self-contained minified IIFE for a `<script>` tag
 *   (with its own small JSX renderer, `src/dom.ts`), then `scripts/manifest.mjs` writes `dist/manifest.json`;
 * - `vite build --mode esm` → `dist/esm/index.js` for bundlers.
 */
import { defineConfig } from 'vite'

const jsx = { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } } as const

export default defineConfig(({ mode }) => {
  const esm = mode === 'esm'
  return {
    oxc: jsx,
    build: {
      target: 'es2022',
      // Browsers with light-dark(): no color-scheme polyfill in the sheet (bytes for nothing).
      cssTarget: ['chrome123', 'firefox120', 'safari17.5'],
      outDir: esm ? 'dist/esm' : 'dist',
      // The IIFE build runs first and clears dist/; the ESM build must keep widget.js.
      emptyOutDir: !esm,
      minify: esm ? false : process.env.MINIFY === 'oxc' ? 'oxc' : 'terser',
      terserOptions: {
        ecma: 2020,
        toplevel: true,
        compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
        mangle: process.env.MANGLE === 'no' ? true : { properties: { regex: /^(_[a-z]|__)/ } },
        format: { ascii_only: false },
      },
      sourcemap: false,
      copyPublicDir: false,
      lib: esm
        ? { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' }
        : {
            entry: 'src/embed.ts',
            formats: ['iife'],
            name: 'PortmanatCheckoutBundle',
            fileName: () => 'widget.js',
          },
      rolldownOptions: esm
        ? {}
        : // Only the entry has side effects: shared's valibot schemas (unused here) drop out
          // with any minifier, not just the ones that prove them pure themselves.
          { treeshake: { moduleSideEffects: (id: string) => id.endsWith('/src/embed.ts') } },
    },
  }
})
