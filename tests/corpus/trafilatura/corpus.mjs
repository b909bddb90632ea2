// The trafilatura pages as tests, benchmarks and scripts read them: one entry per page, with
// its address, our label and the snippets of its main text. See SOURCE.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TRAFILATURA_DIR } from '../paths.mjs';

/** @returns {import('./corpus.d.mts').TrafilaturaPage[]} in file-name order */
export function trafilaturaPages() {
  const evaldata = JSON.parse(readFileSync(join(TRAFILATURA_DIR, 'evaldata.json'), 'utf8'));
  const pages = [];
  for (const line of readFileSync(join(TRAFILATURA_DIR, 'labels.tsv'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [label, file, url, note] = line.split('\t');
    const entry = evaldata[url];
    if (!entry || entry.file !== file) throw new Error(`labels.tsv: ${file} (${url}) is not in evaldata.json`);
    // Pages saved without their address get a neutral one that says nothing either way.
    const pageUrl = /^https?:/.test(url) ? url : `https://example.com/saved/page${pages.length}`;
    pages.push({ label, file, url: pageUrl, note: note ?? '', with: entry.with, without: entry.without });
  }
  return pages;
}

/** The saved HTML of one page, decoded with the charset it declares (as a browser would). */
export function trafilaturaHtml(file) {
  const bytes = gunzipSync(readFileSync(join(TRAFILATURA_DIR, 'pages', `${file}.gz`)));
  const head = bytes.subarray(0, 4096).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  let label = 'utf-8';
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      new TextDecoder(declared);
      label = declared;
    } catch {
      // An unknown label: browsers fall back to their default too.
    }
  }
  return new TextDecoder(label).decode(bytes);
}
