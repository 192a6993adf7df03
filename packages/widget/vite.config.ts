/**
 * Library builds of the same sources:
 * - `vite build --mode modal-az` (and `-en`, `-ru`) → `dist/modal-az-[hash].js`, the modal chunk
 *   (Preact, the dialog, and the dialog's strings of that one locale) as an IIFE that borrows
 *   the loader's shared code (`src/kit.ts`) at run time, and its file name and SHA-384 in
 *   `dist/modal.json`;
 * - `vite build` → `dist/widget.js`, the loader (no Preact) as an IIFE for a `<script>` tag,
 *   carrying the chunk's name and SHA-384 (`src/load-modal-script.ts`);
 * - `vite build --mode esm` → `dist/esm/` for bundlers (the modal a dynamic import).
 * Then `scripts/manifest.mjs` writes `dist/manifest.json` and the compressed copies.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vite'

const jsx = { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } } as const
const dist = new URL('dist/', import.meta.url)
const LOCALES = ['az', 'en', 'ru'] as const
type Modals = Record<string, [file: string, integrity: string]>

/** The names in `src/kit.ts`'s `kit` list, in order: what the loader lends the chunk. */
const kitNames = (): string[] =>
  (
    /export const kit = \[([^\]]*)\]/.exec(
      readFileSync(new URL('src/kit.ts', import.meta.url), 'utf8'),
    )?.[1] ?? ''
  )
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)

/**
 * In the chunk, `kit.ts` is the loader's: read from the `<script>` element that loads the
 * chunk, where the loader put it (`k`), instead of a second copy.
 */
const borrowKit = (): Plugin => ({
  name: 'portmanat-borrow-kit',
  enforce: 'pre',
  resolveId: (source) => (/(^|\/)kit\.ts$/.test(source) ? '\0kit' : undefined),
  load: (id) =>
    id === '\0kit' ? `export const [${kitNames().join(', ')}] = document.currentScript.k\n` : undefined,
})

/** In the chunk of one locale, the dialog's strings are that locale's table alone. */
const oneLocale = (locale: string): Plugin => ({
  name: 'portmanat-one-locale',
  enforce: 'pre',
  resolveId: (source, importer) =>
    source === './i18n/index.ts' && importer?.includes('/src/modal/') ? '\0dialog-strings' : undefined,
  load: (id) =>
    id === '\0dialog-strings'
      ? `import { MESSAGES } from ${JSON.stringify(new URL('src/kit.ts', import.meta.url).pathname)}
import { ${locale} } from ${JSON.stringify(new URL(`src/modal/i18n/${locale}.ts`, import.meta.url).pathname)}
export const strings = (locale) => ({ ...MESSAGES[locale], ...${locale} })\n`
      : undefined,
})

const readModals = (): Modals => {
  try {
    return JSON.parse(readFileSync(new URL('modal.json', dist), 'utf8'))
  } catch {
    return {}
  }
}

/** Adds the chunk's file name and the SHA-384 the loader pins it by to `dist/modal.json`. */
const recordModal = (locale: string): Plugin => ({
  name: 'portmanat-record-modal',
  writeBundle(_, bundle) {
    const chunk = Object.values(bundle).find((file) => file.type === 'chunk')
    if (chunk?.type !== 'chunk') throw new Error('no modal chunk')
    const integrity = `sha384-${createHash('sha384').update(chunk.code).digest('base64')}`
    const modals = { ...readModals(), [locale]: [chunk.fileName, integrity] }
    writeFileSync(new URL('modal.json', dist), JSON.stringify(modals))
  },
})

/**
 * Property names that never leave one bundle, shortened: our private `_x` fields and Preact's
 * `__x` internals, and — in a modal chunk, whose Preact no other code sees — the names by which
 * Preact calls components and its own option hooks. Mangling is consistent within a bundle,
 * so this is safe exactly as long as nothing outside the chunk reads these names: no DOM API
 * or JSON field is among them (`type`, `children`, `key`, `ref` and `constructor` are not).
 */
const PRIVATE = /^(_[a-z]|__)/
const CLOSED_PREACT =
  /^(_[a-z]|__)|^(props|state|context|base|vnode|diffed|unmount|current|setState|forceUpdate|defaultProps|contextType|getChildContext|componentWillMount|componentDidMount|componentWillReceiveProps|shouldComponentUpdate|componentWillUpdate|getSnapshotBeforeUpdate|componentDidUpdate|componentWillUnmount|getDerivedStateFromProps|getDerivedStateFromError|componentDidCatch|debounceRendering|dangerouslySetInnerHTML)$/

const terserOptions = (chunk: boolean) =>
  ({
    ecma: 2020,
    toplevel: true,
    compress: { passes: 3, unsafe: true, unsafe_arrows: true, unsafe_methods: true, pure_getters: true },
    // `builtins`: some of Preact's names are also in terser's list of DOM properties.
    mangle: { properties: chunk ? { regex: CLOSED_PREACT, builtins: true } : { regex: PRIVATE } },
    format: { ascii_only: false },
  }) as const

export default defineConfig(({ mode }) => {
  const esm = mode === 'esm'
  const locale = /^modal-(\w+)$/.exec(mode)?.[1]
  const chunk = !!locale
  const loader = !chunk && !esm
  if (loader && LOCALES.some((name) => !readModals()[name])) throw new Error('build the modal chunks first')
  return {
    oxc: jsx,
    define: loader ? { __MODALS__: JSON.stringify(readModals()) } : {},
    resolve: {
      // The script build loads the chunk by <script integrity>, not by import().
      alias: loader ? [{ find: /^\.\/load-modal\.ts$/, replacement: './load-modal-script.ts' }] : [],
    },
    plugins: locale ? [borrowKit(), oneLocale(locale), recordModal(locale)] : [],
    build: {
      target: 'es2022',
      // Browsers with light-dark(): no color-scheme polyfill in the sheets (bytes for nothing).
      cssTarget: ['chrome123', 'firefox120', 'safari17.5'],
      outDir: esm ? 'dist/esm' : 'dist',
      // The first chunk's build clears dist/; the others keep what it wrote.
      emptyOutDir: locale === LOCALES[0],
      minify: esm ? false : process.env.MINIFY === 'oxc' ? 'oxc' : 'terser',
      terserOptions: terserOptions(chunk),
      sourcemap: false,
      copyPublicDir: false,
      lib: esm
        ? { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' }
        : {
            entry: chunk ? 'src/modal/script-entry.ts' : 'src/embed.ts',
            formats: ['iife'],
            name: 'PortmanatCheckoutBundle',
            fileName: () => (chunk ? `modal-${locale}-[hash].js` : 'widget.js'),
          },
      rolldownOptions: esm
        ? // Preact is a dependency: the shop's bundler provides (and may share) it.
          { external: [/^preact(\/|$)/] }
        : // Only the entry has side effects: shared's valibot schemas (unused here) drop out
          // with any minifier, not just the ones that prove them pure themselves.
          {
            treeshake: {
              moduleSideEffects: (id: string) => /\/src\/(embed|modal\/script-entry)\.ts$/.test(id),
            },
          },
    },
  }
})
