/**
 * Two library builds of the same sources:
 * - `vite build` → `dist/widget.js`, one self-contained minified IIFE for a `<script>` tag
 *   (Preact inside), then `scripts/manifest.mjs` writes `dist/manifest.json`;
 * - `vite build --mode esm` → `dist/esm/index.js` for bundlers (Preact stays an import).
 */
import { defineConfig } from 'vite'

const jsx = { jsx: { runtime: 'automatic', importSource: 'preact' } } as const

export default defineConfig(({ mode }) => {
  const esm = mode === 'esm'
  return {
    oxc: jsx,
    build: {
      target: 'es2022',
      outDir: esm ? 'dist/esm' : 'dist',
      // The IIFE build runs first and clears dist/; the ESM build must keep widget.js.
      emptyOutDir: !esm,
      minify: esm ? false : 'oxc',
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
      rolldownOptions: esm ? { external: [/^preact(\/|$)/] } : {},
    },
  }
})
