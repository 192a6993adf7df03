import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Real Chromium against a real server child process: slow steps, and the machine has 2 cores, so
// the files run one after another (each starts its own server and browser).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
  },
})
