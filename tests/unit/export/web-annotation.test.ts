import { describe, expect, it } from 'vitest';
import { exportWebAnnotations, parseWebAnnotations, toWebAnnotation } from '@/src/export';
import type { Annotation, PageInfo } from '@/src/messages';

const page: PageInfo = { key: 'https://news.example/a', url: 'https://news.example/a?utm_source=x', title: 'A <b>story</b>', site: 'News' };
const other: PageInfo = { key: 'https://other.example/b', url: 'https://other.example/b', title: 'B' };
const ann = (id: string, over: Partial<Annotation> = {}): Annotation => ({
  id,
  pageKey: page.key,
  selectors: [
    { type: 'TextQuoteSelector', exact: 'the hotline', prefix: 'open ', suffix: ' between' },
    { type: 'TextPositionSelector', start: 10, end: 21 },
  ],
  colour: 'yellow',
  note: '',
  tags: [],
  created: 1_700_000_000_123,
  updated: 1_700_000_000_456,
  ...over,
});
const ID1 = '0b0c8f0e-1111-4222-8333-444455556666';
const ID2 = '9f3c7a10-aaaa-4bbb-8ccc-dddd0000eeee';
const ID3 = '1d2e3f40-5555-4666-8777-888899990000';

describe('W3C Web Annotation export', () => {
  it('maps note, tags, colour, selectors, page key and ids into the W3C model', () => {
    const w = toWebAnnotation(ann(ID1, { note: 'Why *this*', tags: ['defence', 'asia'], colour: 'blue' }), page);
    expect(w).toEqual({
      id: `urn:uuid:${ID1}`,
      type: 'Annotation',
      motivation: 'commenting',
      created: '2023-11-14T22:13:20.123Z',
      modified: '2023-11-14T22:13:20.456Z',
      'clearmark:colour': 'blue',
      body: [
        { type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: 'Why *this*' },
        { type: 'TextualBody', purpose: 'tagging', value: 'defence' },
        { type: 'TextualBody', purpose: 'tagging', value: 'asia' },
      ],
      target: {
        source: page.key,
        selector: [
          { type: 'TextQuoteSelector', exact: 'the hotline', prefix: 'open ', suffix: ' between' },
          { type: 'TextPositionSelector', start: 10, end: 21 },
        ],
        'clearmark:page': { url: page.url, title: page.title, site: 'News' },
      },
    });
    const file = JSON.parse(exportWebAnnotations([ann(ID1)], [page]));
    expect(file['@context']).toEqual(['http://www.w3.org/ns/anno.jsonld', { clearmark: 'https://clearmark.dev/ns#' }]);
    expect(file.type).toBe('AnnotationCollection');
    expect(file.first.items[0].motivation).toBe('highlighting');
    expect(file.first.items[0].body).toBeUndefined();
  });

  it('export → import → export gives the identical file, whatever the input order', () => {
    const list = [
      ann(ID1, { note: 'n1\nsecond line', tags: ['x'] }),
      ann(ID2, { pageKey: other.key, colour: 'pink', selectors: [{ type: 'TextQuoteSelector', exact: 'b', prefix: '', suffix: '' }] }),
      ann(ID3, { selectors: [{ type: 'TextQuoteSelector', exact: 'earlier', prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 1, end: 8 }] }),
    ];
    const first = exportWebAnnotations(list, [page, other]);
    const parsed = parseWebAnnotations(first);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.annotations).toHaveLength(3);
    const again = exportWebAnnotations([...parsed.annotations].reverse(), parsed.pages.map((p) => ({ ...p, lastSeen: 5 })));
    expect(again).toBe(first);
    const byId = new Map(parsed.annotations.map((a) => [a.id, a]));
    for (const a of list) expect(byId.get(a.id)).toEqual(a);
    expect(parsed.pages.find((p) => p.key === page.key)).toEqual(page);
  });

  it('accepts a bare array and a single body, defaulting colour and dates', () => {
    const parsed = parseWebAnnotations(
      JSON.stringify([
        {
          id: `urn:uuid:${ID1}`,
          type: 'Annotation',
          body: { type: 'TextualBody', purpose: 'commenting', value: 'hi' },
          target: { source: 'https://x.example/', selector: { type: 'TextQuoteSelector', exact: 'q', prefix: '', suffix: '' } },
        },
      ]),
      42,
    );
    expect(parsed).toMatchObject({ ok: true, annotations: [{ id: ID1, colour: 'yellow', note: 'hi', created: 42, updated: 42, tags: [] }] });
  });
});

describe('W3C Web Annotation import rejects malformed files with a clear message', () => {
  const good = () => JSON.parse(exportWebAnnotations([ann(ID1), ann(ID2)], [page]));
  const cases: [string, (f: ReturnType<typeof good>) => unknown, RegExp][] = [
    ['not JSON', () => '{"type": "Annot', /not JSON/],
    ['wrong top-level shape', () => ({ hello: 1 }), /not a Web Annotation collection/],
    ['a bad id', (f) => ((f.first.items[1].id = 'javascript:alert(1)'), f), /Annotation 2: id: must be urn:uuid/],
    ['an unknown colour', (f) => ((f.first.items[0]['clearmark:colour'] = 'red'), f), /Annotation 1: clearmark:colour/],
    ['no quote selector', (f) => ((f.first.items[0].target.selector = [{ type: 'TextPositionSelector', start: 1, end: 2 }]), f), /no TextQuoteSelector/],
    ['an empty quote', (f) => ((f.first.items[0].target.selector[0].exact = ''), f), /Annotation 1: target.selector: exact/],
    ['a bad date', (f) => ((f.first.items[0].created = 'yesterday'), f), /created: is not a date/],
    ['a duplicate id', (f) => ((f.first.items[1].id = f.first.items[0].id), f), /appears twice/],
    ['a missing source', (f) => (delete f.first.items[0].target.source, f), /target.source/],
    ['too many tags', (f) => ((f.first.items[0].body = Array.from({ length: 51 }, (_, i) => ({ type: 'TextualBody', purpose: 'tagging', value: `t${i}` }))), f), /Annotation 1: tags/],
  ];
  it.each(cases)('%s', (_name, mutate, message) => {
    const f = mutate(good());
    const r = parseWebAnnotations(typeof f === 'string' ? f : JSON.stringify(f));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
