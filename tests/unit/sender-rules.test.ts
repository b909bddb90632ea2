import { describe, expect, it } from 'vitest';
import { parseRequest } from '@/src/protocol-schema';
import { refusal, type Sender } from '@/src/sender-rules';
import type { ParsedRequest } from '@/src/messages';

const here = 'https://news.example.com/a';
const other = 'https://evil.example.org/x';
const quote = [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }];
const stored = { id: 'a1', pageKey: here, selectors: quote, colour: 'yellow', note: '', tags: [], created: 1, updated: 1 };
const page = (key: string, url = key) => ({ key, url, title: 't' });
const req = (m: unknown): ParsedRequest => {
  const r = parseRequest(m);
  if (!r.ok) throw new Error(r.error);
  return r.request;
};

/** One request of every type, about this page where it names one. */
const EVERY: Record<ParsedRequest['type'], ParsedRequest> = {
  'page/visit': req({ type: 'page/visit', page: page(here) }),
  'annotations/forPage': req({ type: 'annotations/forPage', pageKey: here }),
  'annotation/create': req({ type: 'annotation/create', page: page(here), annotation: { pageKey: here, colour: 'yellow', selectors: quote } }),
  'annotation/update': req({ type: 'annotation/update', id: 'a1', patch: { note: 'n' } }),
  'annotation/delete': req({ type: 'annotation/delete', id: 'a1' }),
  'annotations/all': req({ type: 'annotations/all' }),
  'tab/status': req({ type: 'tab/status', title: 'x' }),
  'background/stats': req({ type: 'background/stats' }),
  'annotation/restore': req({ type: 'annotation/restore', annotation: stored }),
  'annotations/import': req({ type: 'annotations/import', annotations: [stored], pages: [page(here)] }),
  'annotations/importPart': req({ type: 'annotations/importPart', importId: '0b0c8f0e-1111-4222-8333-444455556666', annotations: [stored], pages: [page(here)] }),
  'popup/tabState': req({ type: 'popup/tabState', tabId: 1 }),
  'popup/jump': req({ type: 'popup/jump', id: 'a1' }),
  'backup/restore': req({ type: 'backup/restore' }),
  'backup/forget': req({ type: 'backup/forget' }),
};
const CONTENT_MAY = ['page/visit', 'annotations/forPage', 'annotation/create', 'annotation/update', 'annotation/delete', 'annotation/restore', 'tab/status'];

const extension: Sender = { kind: 'extension' };
const content: Sender = { kind: 'content', url: 'https://www.news.example.com/a?x=1', tabUrl: 'https://www.news.example.com/a?x=1', tabId: 3 };
const contentElsewhere: Sender = { kind: 'content', url: other, tabUrl: other, tabId: 4 };
const unknown: Sender = { kind: 'unknown' };

describe('who may ask for what', () => {
  it.each(Object.keys(EVERY))('%s: extension pages yes; the same-site content script only if it is its own page; another site and unknown senders no', (type) => {
    const r = EVERY[type as ParsedRequest['type']];
    expect(refusal(r, extension, here)).toBeUndefined();
    expect(refusal(r, unknown, here)).toMatch(/not available/);
    if (CONTENT_MAY.includes(type)) {
      expect(refusal(r, content, here)).toBeUndefined();
      if (type !== 'tab/status') expect(refusal(r, contentElsewhere, here)).toMatch(/not this tab's site/);
    } else {
      expect(refusal(r, content, here)).toMatch(/not available to content scripts/);
      expect(refusal(r, contentElsewhere, here)).toMatch(/not available to content scripts/);
    }
  });

  it('a content script whose frame and tab disagree on the site is refused', () => {
    const framed: Sender = { kind: 'content', url: here, tabUrl: other, tabId: 5 };
    expect(refusal(EVERY['page/visit'], framed)).toMatch(/not this tab's site/);
  });

  it('a page key on another tenant of a shared suffix, or a page URL elsewhere, is refused', () => {
    const alice: Sender = { kind: 'content', url: 'https://mallory.github.io/p', tabUrl: 'https://mallory.github.io/p', tabId: 1 };
    expect(refusal(req({ type: 'page/visit', page: page('https://alice.github.io/p', 'https://mallory.github.io/p') }), alice)).toMatch(/site/);
    expect(refusal(req({ type: 'page/visit', page: page('https://mallory.github.io/p', 'https://alice.github.io/p') }), alice)).toMatch(/site/);
    // create: the annotation's key must be the page's.
    const mismatch = req({ type: 'annotation/create', page: page('https://mallory.github.io/p'), annotation: { pageKey: 'https://alice.github.io/p', colour: 'yellow', selectors: quote } });
    expect(refusal(mismatch, alice)).toMatch(/site/);
  });

  it('an update or delete naming an annotation of another site is refused; one naming nothing is let through to say so', () => {
    expect(refusal(EVERY['annotation/update'], content, other)).toMatch(/site/);
    expect(refusal(EVERY['annotation/delete'], content, other)).toMatch(/site/);
    expect(refusal(EVERY['annotation/delete'], content, undefined)).toBeUndefined();
    // Undo: a restore over a record of another site, or of an annotation of another site, is refused.
    expect(refusal(EVERY['annotation/restore'], content, other)).toMatch(/site/);
    expect(refusal(req({ type: 'annotation/restore', annotation: { ...stored, pageKey: other } }), content)).toMatch(/site/);
  });
});

describe('timestamps are bounded to valid Dates', () => {
  it.each([9e15, 8.64e15 + 1, Number.MAX_SAFE_INTEGER, -1, 1.5])('refuses %s in an import or restore', (t) => {
    expect(parseRequest({ type: 'annotation/restore', annotation: { ...stored, updated: t } }).ok).toBe(false);
    expect(parseRequest({ type: 'annotations/import', annotations: [{ ...stored, created: t }], pages: [] }).ok).toBe(false);
  });
  it('accepts the largest valid Date', () => {
    expect(parseRequest({ type: 'annotation/restore', annotation: { ...stored, updated: 8.64e15 } }).ok).toBe(true);
    expect(new Date(8.64e15).toISOString()).toBe('+275760-09-13T00:00:00.000Z');
  });
});
