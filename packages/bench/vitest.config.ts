import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// `pnpm evidence`: real server processes under load, one file after another (the machine has two
// cores), each bounded to well under its timeout. The harness's own unit tests run here too.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'evidence',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
})
