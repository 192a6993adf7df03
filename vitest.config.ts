import { defineConfig } from 'vitest/config'

// One project per package; each package's own vitest.config.ts says how its tests run.
// `pnpm test` runs every project but e2e, which needs Chromium and runs by `pnpm test:e2e`.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts'],
  },
})
