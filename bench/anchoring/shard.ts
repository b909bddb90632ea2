// One shard of the anchoring suite, run by vitest (happy-dom) from scripts/bench.mjs.
import { it } from 'vitest';
import { resolve } from 'node:path';
import { runShard } from './runner';
import { READABILITY_DIR } from '../../tests/corpus/paths.mjs';

const SHARDS = Number(process.env.BENCH_SHARDS ?? 2);
const QUOTES_PER_KIND = Number(process.env.BENCH_QUOTES_PER_KIND ?? 5);
const MAX_PAGES = Number(process.env.BENCH_MAX_PAGES ?? Infinity);
const ROOT = process.cwd();
const CORPUS = READABILITY_DIR;

export function shard(n: number) {
  it(`anchoring suite shard ${n}/${SHARDS}`, async () => {
    await runShard(n, SHARDS, CORPUS, resolve(ROOT, `bench/tmp/anchoring-${n}.json`), QUOTES_PER_KIND, MAX_PAGES);
  }, 1_800_000);
}
