/**
 * Hypothesis import (issue #14 item 4) and other tools' Web Annotation files (item 5), through
 * the popup's parser (parseImportFile) and the store's import, against fake-indexeddb.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportWebAnnotations, parseImportFile, describeSkips } from '@/src/export';
import { openDatabase, type Database } from '@/src/store';
import { importAnnotations } from '@/src/store/annotations';
import { answerRequest } from '@/src/store/requests';
import type { Annotation } from '@/src/messages';
import { ANCHORING_DIR } from '../../corpus/paths.mjs';

const api = readFileSync(`${ANCHORING_DIR}/hypothesis-html-baselines/wikipedia-regression-testing.json`, 'utf8');
const rows = (JSON.parse(api) as { rows: Record<string, unknown>[] }).rows;
/** The same annotations as Hypothesis's Share → Export writes them. */
const exportFile = (annotations: unknown[] = rows) =>
  JSON.stringify({ export_date: '2024-05-01T10:00:00.000Z', export_userid: 'acct:reader@hypothes.is', client_version: '1.1400.0', annotations });

let n = 0;
const freshDb = () => openDatabase(`hypothesis-import-${++n}`);
async function digest(db: Database): Promise<string> {
  const tx = db.transaction(['annotations', 'pages']);
  const [a, p] = await Promise.all([tx.objectStore('annotations').getAll(), tx.objectStore('pages').getAll()]);
  return createHash('sha256').update(JSON.stringify({ a, p })).digest('hex');
}
async function importText(db: Database, text: string) {
  const parsed = parseImportFile(text, { now: 1_700_000_000_000 });
  if (!parsed.ok) return parsed;
  return { ...parsed, result: await importAnnotations(db, parsed.annotations, parsed.pages) };
}

describe('Hypothesis import', () => {
  it('reads an API search response and an export file alike: quote, note, tags, times, page', () => {
    const fromApi = parseImportFile(api);
    const fromExport = parseImportFile(exportFile());
    expect(fromApi.ok && fromExport.ok).toBe(true);
    if (!fromApi.ok || !fromExport.ok) return;
    expect(fromExport.annotations).toEqual(fromApi.annotations);
    expect(fromApi.format).toBe('hypothesis');
    expect(fromApi.annotations).toHaveLength(5);
    const first = fromApi.annotations.find((a) => a.id === 'hypothesis:LOCXbsOCEeaQl6f6fQh87Q')!;
    expect(first).toMatchObject({
      pageKey: 'https://en.wikipedia.org/wiki/Regression_testing',
      colour: 'yellow',
      note: 'Footer',
      tags: [],
      created: Date.parse('2016-12-16T11:24:14.673Z'),
      updated: Date.parse('2016-12-16T11:24:14.673Z'),
    });
    expect(first.selectors).toEqual([
      { type: 'TextQuoteSelector', exact: '11 November 2016', prefix: ' This page was last modified on ', suffix: ', at 05:56.\n\t\t\t\t\t\t\t\t\t\t\tText is a' },
      { type: 'TextPositionSelector', start: 11881, end: 11897 },
    ]);
    expect(fromApi.pages).toEqual([{ key: 'https://en.wikipedia.org/wiki/Regression_testing', url: 'https://en.wikipedia.org/wiki/Regression_testing', title: 'Regression testing - Wikipedia' }]);
  });

  it('keys a page by its uri as for a visited page, and takes the colour picked at import', () => {
    const row = { ...rows[0], uri: 'https://News.example/story?utm_source=hn&b=2&a=1#top' };
    const r = parseImportFile(exportFile([row]), { colour: 'green' });
    expect(r.ok && r.annotations[0]).toMatchObject({ pageKey: 'https://news.example/story?a=1&b=2', colour: 'green' });
  });

  it('skips replies, page notes and PDFs, and says so', () => {
    const reply = { ...rows[1], id: 'reply1', references: ['LOCXbsOCEeaQl6f6fQh87Q'], target: [{ source: 'https://en.wikipedia.org/wiki/Regression_testing' }] };
    const pageNote = { ...rows[2], id: 'pagenote1', target: [{ source: 'https://en.wikipedia.org/wiki/Regression_testing' }] };
    const pdf = { ...rows[3], id: 'pdf1', uri: 'urn:x-pdf:6f8e2b1c' };
    const r = parseImportFile(exportFile([rows[0], reply, pageNote, pdf]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.annotations.map((a) => a.id)).toEqual(['hypothesis:LOCXbsOCEeaQl6f6fQh87Q']);
    expect(r.skipped).toEqual({ replies: 1, pageNotes: 1, notOnWebPage: 1 });
    expect(describeSkips(r.skipped)).toBe('Skipped: 1 reply, 1 page note, 1 annotation not on a web page (PDF or file) (Clearmark keeps highlights on web pages only).');
  });

  it('re-importing merges by Hypothesis id: no duplicates, and an unchanged file changes nothing', async () => {
    const db = await freshDb();
    const first = await importText(db, exportFile());
    expect(first.ok && first.result).toMatchObject({ added: 5, updated: 0, unchanged: 0 });
    const before = await digest(db);
    const again = await importText(db, api);
    expect(again.ok && again.result).toMatchObject({ added: 0, updated: 0, unchanged: 5 });
    expect(await digest(db)).toBe(before);
    // Edited on Hypothesis since: the newer note replaces the old one, same id.
    const edited = rows.map((r, i) => (i === 0 ? { ...r, text: 'Footer, edited', updated: '2017-01-01T00:00:00.000Z' } : r));
    const third = await importText(db, exportFile(edited));
    expect(third.ok && third.result).toMatchObject({ added: 0, updated: 1, unchanged: 4 });
    expect(await db.count('annotations')).toBe(5);
    expect((await db.get('annotations', 'hypothesis:LOCXbsOCEeaQl6f6fQh87Q'))!.note).toBe('Footer, edited');
    db.close();
  });

  it('a bad Hypothesis file: a message saying which annotation, and nothing stored changes', async () => {
    const db = await freshDb();
    await importText(db, exportFile());
    const before = await digest(db);
    const bad = rows.map((r, i) => (i === 3 ? { ...r, created: 'last tuesday', text: 'changed' } : { ...r, text: 'changed', updated: '2030-01-01T00:00:00Z' }));
    const r = parseImportFile(exportFile(bad));
    expect(r).toEqual({ ok: false, error: 'Hypothesis annotation 4: created: is not a date' });
    const noUri = parseImportFile(exportFile([{ ...rows[0], uri: undefined }]));
    expect(noUri.ok || noUri.error).toMatch(/^Hypothesis annotation 1: uri/);
    expect(await digest(db)).toBe(before);
    db.close();
  });

  it('a file of another kind: the message names the formats Clearmark reads', () => {
    for (const text of ['{"hello": 1}', '{"annotations": "x", "export_date": 1}', '"a string"', 'not json']) {
      const r = parseImportFile(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/W3C Web Annotation JSON .*Hypothesis export.*Hypothesis API search response/);
    }
  });

  it('an imported annotation shows on its page when the page keys itself by a canonical URL', async () => {
    const db = await freshDb();
    await importText(db, exportFile([{ ...rows[0], uri: 'https://www.news.example/world/story-123?utm_medium=social' }]));
    // The page's canonical (same site) differs from the address Hypothesis saw.
    const page = { key: 'https://news.example/story-123', url: 'https://www.news.example/world/story-123?utm_medium=social', title: 'Story' };
    const res = await answerRequest(db, { type: 'page/visit', page });
    expect('annotations' in res && res.annotations.map((a: Annotation) => a.id)).toEqual(['hypothesis:LOCXbsOCEeaQl6f6fQh87Q']);
    // Never another site's: the same annotation is not served to a page that only claims its URL.
    const elsewhere = await answerRequest(db, { type: 'page/visit', page: { ...page, key: 'https://evil.example/x', url: 'https://evil.example/x' } });
    expect('annotations' in elsewhere && elsewhere.annotations).toEqual([]);
    db.close();
  });
});

describe('W3C Web Annotation files from other tools', () => {
  // Shaped like the examples of the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/).
  const foreign = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'http://example.org/page1',
    type: 'AnnotationPage',
    items: [
      {
        id: 'http://example.org/anno1',
        type: 'Annotation',
        bodyValue: 'Comment text',
        target: { source: 'https://news.example/a', selector: { type: 'TextQuoteSelector', exact: 'the quote' } },
      },
      {
        id: 'http://example.org/anno2',
        type: 'Annotation',
        created: '2015-01-28T12:00:00Z',
        modified: '2015-01-29T09:00:00Z',
        motivation: ['commenting', 'tagging'],
        body: [
          { type: 'TextualBody', value: '**Bold** note', format: 'text/markdown' },
          { type: 'TextualBody', purpose: 'tagging', value: 'love' },
          { value: 'Another remark', purpose: 'describing' },
          { id: 'http://example.org/image1', type: 'Image' },
        ],
        target: [
          'https://news.example/b',
          { source: 'https://news.example/b', selector: [{ type: 'TextPositionSelector', start: 10, end: 20 }, { type: 'TextQuoteSelector', exact: 'another quote', prefix: 'before ', suffix: ' after' }] },
        ],
      },
      { id: 'urn:example:3', type: 'Annotation', bodyValue: 'About the whole page', target: 'https://news.example/c' },
    ],
  };

  it('bodyValue, TextualBody with or without type, tagging bodies as tags, http ids, target lists', () => {
    const r = parseImportFile(JSON.stringify(foreign), { now: 1_700_000_000_000 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.format).toBe('web-annotation');
    expect(r.annotations).toHaveLength(2);
    const [a, b] = r.annotations;
    expect(a).toMatchObject({ pageKey: 'https://news.example/a', note: 'Comment text', tags: [], colour: 'yellow', created: 1_700_000_000_000 });
    expect(a!.selectors).toEqual([{ type: 'TextQuoteSelector', exact: 'the quote', prefix: '', suffix: '' }]);
    expect(b).toMatchObject({ pageKey: 'https://news.example/b', note: '**Bold** note\n\nAnother remark', tags: ['love'], created: Date.parse('2015-01-28T12:00:00Z'), updated: Date.parse('2015-01-29T09:00:00Z') });
    expect(r.skipped.pageNotes).toBe(1);
    // Stable ids: the same file again gives the same ids (re-imports merge), different files do not collide.
    const again = parseImportFile(JSON.stringify(foreign));
    expect(again.ok && again.annotations.map((x) => x.id)).toEqual(r.annotations.map((x) => x.id));
    expect(new Set(r.annotations.map((x) => x.id)).size).toBe(2);
    expect(r.annotations.every((x) => x.id.length <= 100)).toBe(true);
  });

  it('our own export still comes back exactly', () => {
    const ours: Annotation = {
      id: '0b0c8f0e-1111-4222-8333-444455556666',
      pageKey: 'https://news.example/a',
      selectors: [{ type: 'TextQuoteSelector', exact: 'q', prefix: 'p', suffix: 's' }],
      colour: 'blue',
      note: '',
      tags: ['x'],
      created: 1,
      updated: 2,
    };
    const r = parseImportFile(exportWebAnnotations([ours], []));
    expect(r.ok && r.annotations).toEqual([ours]);
  });
});
