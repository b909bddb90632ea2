// Size of what the reader installs: the content script (minified by WXT's production build,
// and gzipped) and the whole Chromium build, against @mozilla/readability minified + gzipped
// by esbuild in the same run (a familiar yardstick for "a library that reads the page").
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export async function measureSize(root) {
  const out = join(root, '.output/chrome-mv3');
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  const scripts = manifest.content_scripts.flatMap((c) => c.js ?? []);
  const content = Buffer.concat(scripts.map((f) => readFileSync(join(out, f))));
  const files = walk(out);
  const total = files.reduce((n, f) => n + statSync(f).size, 0);
  const totalGz = files.reduce((n, f) => n + gz(readFileSync(f)), 0);
  const ref = await build({
    stdin: { contents: "import { Readability } from '@mozilla/readability'; globalThis.R = Readability;", resolveDir: root },
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const refBuf = Buffer.from(ref.outputFiles[0].contents);
  return {
    contentScripts: scripts,
    contentBytes: content.length,
    contentGz: gz(content),
    extensionBytes: total,
    extensionGz: totalGz,
    extensionFiles: files.length,
    readabilityBytes: refBuf.length,
    readabilityGz: gz(refBuf),
  };
}
