import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../corpus/paths.mjs';

/**
 * A clone is the whole project: nothing the code, tests, benchmarks, scripts or docs read or
 * point to may live beside the repository (the project started with its data in a folder next
 * to it; that folder does not exist in a clone).
 */
const SKIP = new Set(['node_modules', '.git', '.output', '.wxt', 'tmp', 'corpus']);
const TEXT = /\.(ts|mts|mjs|js|json|md|html|css|sh)$|^run$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(path).isDirectory()) return files(path);
    return TEXT.test(name) && name !== 'package-lock.json' ? [path] : [];
  });
}

describe('the repository stands alone', () => {
  it('no file refers to a folder beside the repository', () => {
    const outside = /\.\.\/shared\b|\/work\/shared|\.\.\/\.library/;
    const offenders = [...files(REPO_ROOT), ...files(join(REPO_ROOT, '.ci'))]
      .filter((f) => outside.test(readFileSync(f, 'utf8')))
      .map((f) => relative(REPO_ROOT, f));
    expect(offenders).toEqual([]);
  });
});
