import { describe, expect, it } from 'vitest';
import { SearchIndex, foldForSearch } from '@/src/store/search';
import type { Annotation } from '@/src/messages';

const ann = (id: string, exact: string, note = ''): Annotation => ({
  id,
  pageKey: 'https://news.example/1',
  selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }],
  colour: 'yellow',
  note,
  tags: [],
  created: 1,
  updated: 1,
});

describe('search folds what readers type plainly', () => {
  const index = new SearchIndex(
    [
      ann('apostrophe', 'China’s exports rose'),
      ann('quotes', 'He called it “a turning point”'),
      ann('dash', 'the 2019–2020 season — a record'),
      ann('accents', 'Le café de la Régence à Zürich'),
      ann('straight', "Beijing's plan", 'see the "draft" 2019-2020'),
      ann('cyrillic', 'Всё ещё идёт'),
      ann('korean', '한국어 기사'),
      ann('hindi', 'किताब और कीताब'),
    ],
    [],
  );
  const ids = (text: string) => index.query({ text }).flatMap((g) => g.annotations.map((a) => a.id)).sort();

  it.each([
    ["China's", ['apostrophe']],
    ['China’s', ['apostrophe']],
    ['"a turning point"', ['quotes']],
    ['2019-2020', ['dash', 'straight']],
    ['2019–2020', ['dash', 'straight']],
    ['- a record', ['dash']],
    ['cafe regence zurich', ['accents']],
    ['CAFÉ', ['accents']],
    ['beijing’s “draft”', ['straight']],
    ['все еще идет', ['cyrillic']],
    ['한국어', ['korean']],
  ])('%s finds %j', (text, expected) => {
    expect(ids(text as string)).toEqual(expected);
  });

  it('keeps the marks that are letters in other scripts (Devanagari vowel signs)', () => {
    expect(foldForSearch('किताब')).not.toBe(foldForSearch('कताब'));
    expect(ids('कताब')).toEqual([]);
  });
});
