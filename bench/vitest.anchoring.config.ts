import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// The anchoring benchmark runs under vitest + happy-dom, like the unit tests whose mutation
// harness it reuses; one file per shard so the two cores share the work.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    root: '.',
    environment: 'happy-dom',
    include: ['bench/anchoring/*.bench-run.ts'],
    globals: true,
    testTimeout: 1_800_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
  },
});
