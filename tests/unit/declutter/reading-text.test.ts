import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSkippedElement, readingTextNodes, startDeclutter } from '../../../src/declutter';
import { loadFixture, parseHTML } from './helpers';
import { READABILITY_DIR } from '../../corpus/paths.mjs';

/** The obvious TreeWalker version readingTextNodes replaced (for speed); they must agree. */
function reference(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const out: Text[] = [];
  const walker = doc.createTreeWalker(root, 0x1 | 0x4, {
    acceptNode: (n: Node) => (n.nodeType === 1 ? (isSkippedElement(n as Element) ? 2 : 3) : 1),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

describe('readingTextNodes', () => {
  it('matches the TreeWalker definition on decluttered pages', { timeout: 30_000 }, () => {
    const docs = [loadFixture('demo-article.html').doc];
    for (const page of ['nytimes-1', 'bbc-1', 'buzzfeed-1']) {
      const file = resolve(READABILITY_DIR, page, 'source.html');
      docs.push(parseHTML(readFileSync(file, 'utf8')));
    }
    for (const doc of docs) {
      startDeclutter(doc);
      for (const root of [doc, doc.body, doc.querySelector('article') ?? doc.body]) {
        expect(readingTextNodes(root)).toEqual(reference(root));
      }
    }
  });

  it('does not test the root itself, only what is below it', () => {
    document.body.innerHTML = '<div data-clearmark-hidden="ad-label"><p>Advertisement</p></div>';
    const div = document.body.firstElementChild!;
    expect(readingTextNodes(div).map((t) => t.data)).toEqual(['Advertisement']);
    expect(readingTextNodes(document.body)).toEqual([]);
    expect(readingTextNodes(div.firstElementChild!.firstChild!)).toEqual([]);
  });
});
