import { readJsonLd, jsonLdText } from '../../../src/article/json-ld';
import { jsonLd, page } from './helpers';

describe('readJsonLd', () => {
  it('finds a top-level NewsArticle', () => {
    const info = readJsonLd(page(jsonLd({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'H' }), ''));
    expect(info.articleType).toBe('NewsArticle');
    expect(info.article?.headline).toBe('H');
  });

  it('finds an article inside @graph', () => {
    const info = readJsonLd(
      page(
        jsonLd({
          '@context': 'https://schema.org',
          '@graph': [
            { '@type': 'WebSite', name: 'Site' },
            { '@type': 'WebPage', '@id': '#page' },
            { '@type': 'BlogPosting', headline: 'Post' },
          ],
        }),
        '',
      ),
    );
    expect(info.articleType).toBe('BlogPosting');
    expect(info.types).toEqual(['WebSite', 'WebPage', 'BlogPosting']);
  });

  it('reads top-level arrays and @type arrays, preferring the specific subtype', () => {
    const info = readJsonLd(page(jsonLd([{ '@type': 'Organization' }, { '@type': ['Article', 'ReportageNewsArticle'] }]), ''));
    expect(info.articleType).toBe('ReportageNewsArticle');
  });

  it('strips schema.org prefixes from types', () => {
    expect(readJsonLd(page(jsonLd({ '@type': 'http://schema.org/OpinionNewsArticle' }), '')).articleType).toBe(
      'OpinionNewsArticle',
    );
    expect(readJsonLd(page(jsonLd({ '@type': 'schema:TechArticle' }), '')).articleType).toBe('TechArticle');
  });

  it('follows the mainEntity of a WebPage', () => {
    const info = readJsonLd(page(jsonLd({ '@type': 'WebPage', mainEntity: { '@type': 'ScholarlyArticle', name: 'Paper' } }), ''));
    expect(info.articleType).toBe('ScholarlyArticle');
  });

  it('does not take NewsArticle items of a front-page ItemList as the page type', () => {
    const info = readJsonLd(
      page(
        jsonLd({
          '@type': 'ItemList',
          itemListElement: [{ '@type': 'ListItem', position: 1, item: { '@type': 'NewsArticle', headline: 'Teaser' } }],
        }),
        '',
      ),
    );
    expect(info.article).toBeUndefined();
    expect(info.types).toEqual(['ItemList']);
  });

  it('survives malformed JSON, CDATA wrappers and empty scripts', () => {
    const head =
      '<script type="application/ld+json">{"@type": "NewsArticle", headline: oops</script>' +
      '<script type="application/ld+json"></script>' +
      '<script type="application/ld+json">\n<![CDATA[\n{"@type":"NewsArticle","headline":"Wrapped"}\n]]>\n</script>';
    let info!: ReturnType<typeof readJsonLd>;
    expect(() => (info = readJsonLd(page(head, '')))).not.toThrow();
    expect(info.errors).toBe(1);
    expect(info.article?.headline).toBe('Wrapped');
  });

  it('survives JSON that is valid but not objects', () => {
    expect(() => readJsonLd(page('<script type="application/ld+json">null</script><script type="application/ld+json">42</script>', ''))).not.toThrow();
  });
});

describe('jsonLdText', () => {
  it('reads strings, named objects and arrays of either', () => {
    expect(jsonLdText('Jane')).toBe('Jane');
    expect(jsonLdText({ '@type': 'Person', name: 'Jane' })).toBe('Jane');
    expect(jsonLdText([{ name: 'Jane' }, 'Ali'])).toBe('Jane, Ali');
    expect(jsonLdText(42)).toBeUndefined();
  });
});
