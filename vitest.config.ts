import { defineConfig } from 'vitest/config'

// One project per package; each package's own vitest.config.ts says how its tests run.
// The browser tests (packages/e2e) need Chromium and run on their own: `pnpm test:e2e`.
export default defineConfig({
  test: {
    projects: ['packages/{shared,sandbox,server,widget}/vitest.config.ts'],
  },
})
