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
  },
});
