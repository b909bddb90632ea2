import { defineConfig } from 'vitest/config';

// Browser tests: Node drives real Chromium and Firefox ESR through puppeteer-core with the
// built extension loaded. One file at a time: two browsers on two cores are enough.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
