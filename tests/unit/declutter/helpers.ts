import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readingText } from '../../../src/declutter';

/** The repo root (/work/main), from this file's location. */
// (String paths: under happy-dom the global URL is happy-dom's, which node's fileURLToPath rejects.)
const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '../../..');

export function fixturePath(rel: string): string {
  return resolve(REPO_ROOT, 'tests/fixtures', rel);
}

export interface Expect {
  clutter: string[];
  clutterWords?: string[];
  clutterTextContentOnly?: string[];
  /** In innerText before and after (kept on screen, e.g. a focusable skip link), out of the reading text after. */
  clutterReadingTextOnly?: string[];
  keep: string[];
  /** Expected number of marks per kind on the page (unit tests only). */
  marks?: Record<string, number>;
}

export function loadFixture(rel: string): { doc: Document; expect: Expect } {
  const html = readFileSync(fixturePath(rel), 'utf8');
  const expect = JSON.parse(readFileSync(fixturePath(rel.replace(/\.html$/, '.expect.json')), 'utf8')) as Expect;
  return { doc: parseHTML(html), expect };
}

/**
 * Parse a page without letting happy-dom fetch anything: it would try to load iframes,
 * stylesheets and preloads of real pages (network errors, noise, time). Frames become inert
 * <x-iframe>s and src/href of link/script/object/embed are renamed. Text is unchanged.
 */
export function parseHTML(html: string): Document {
  const inert = html
    .replace(/<(\/?)(iframe|frame)\b/gi, '<$1x-$2')
    .replace(/<(link|script|object|embed)\b([^>]*)>/gi, (_m, tag: string, attrs: string) =>
      `<${tag}${attrs.replace(/\s(src|srcset|href|data)\s*=/gi, ' data-off-$1=')}>`,
    );
  return new DOMParser().parseFromString(inert, 'text/html');
}

export function norm(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

export function text(doc: Document): string {
  return norm(readingText(doc.body));
}

export function hasWord(haystack: string, word: string): boolean {
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}_])`, 'u').test(haystack);
}

/** Problems with an expect list against the reading text, before or after declutter. */
export function check(doc: Document, expect: Expect, phase: 'before' | 'after'): string[] {
  const t = text(doc);
  const raw = norm(doc.body.textContent ?? '');
  const problems: string[] = [];
  for (const s of expect.keep) if (!t.includes(s)) problems.push(`keep missing ${phase}: ${s}`);
  for (const s of expect.clutter) {
    if (phase === 'before' && !t.includes(s)) problems.push(`clutter not present before: ${s}`);
    if (phase === 'after' && t.includes(s)) problems.push(`clutter left after: ${s}`);
  }
  for (const w of expect.clutterWords ?? []) {
    if (phase === 'before' && !hasWord(t, w)) problems.push(`clutter word not present before: ${w}`);
    if (phase === 'after' && hasWord(t, w)) problems.push(`clutter word left after: ${w}`);
  }
  for (const s of expect.clutterReadingTextOnly ?? []) {
    if (phase === 'before' && !t.includes(s)) problems.push(`clutter not present before: ${s}`);
    if (phase === 'after' && t.includes(s)) problems.push(`clutter left in reading text after: ${s}`);
  }
  for (const s of expect.clutterTextContentOnly ?? []) {
    if (phase === 'before' && !raw.includes(s)) problems.push(`textContent clutter not in textContent: ${s}`);
    if (t.includes(s)) problems.push(`textContent clutter in reading text ${phase}: ${s}`);
  }
  return problems;
}
