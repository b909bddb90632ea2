import { defineConfig } from 'vitest/config';

// Browser tests: Node drives real Chromium and Firefox ESR through puppeteer-core with the
// built extension loaded. Two files at a time: most of a browser test is waiting (for a page, a
// message, a repaint), so two workers on two cores halve the run (583 s instead of 1,010 s for
// the whole suite at load 13); every test has its own browser profiles, servers and ports.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/browser/**/*.test.ts'],
    // A browser test takes 1–10 s unloaded; with two files at a time on a busy 2-core machine a
    // few took over 60 s (service worker restarts, sync passes). Limits, not speed assertions.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
