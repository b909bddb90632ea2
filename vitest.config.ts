import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: happy-dom for the DOM, fake-indexeddb for IndexedDB (happy-dom has none).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    setupFiles: ['tests/setup-unit.ts'],
    include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
    globals: true,
    // The default 5 s is a speed assertion in disguise: on a shared 2-core machine (load ~5) a
    // 2 s test takes 8. Every unit test runs in well under 3 s unloaded; heavier ones set their
    // own limit (≥ 3× their unloaded time). Speed is measured by npm run bench, not here.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
