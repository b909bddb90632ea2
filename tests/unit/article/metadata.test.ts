import { extractMetadata } from '../../../src/article';
import { jsonLd, parse } from './helpers';

const URL_ = 'https://www.dailyharbor.example/news/2024/05/16/ferry';

describe('extractMetadata', () => {
  it('prefers JSON-LD for title, byline and date', () => {
    const doc = parse(
      `<html lang="en-GB"><head><title>Ferry timetable approved | The Daily Harbor</title>${jsonLd({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', name: 'The Daily Harbor' },
          {
            '@type': 'NewsArticle',
            headline: 'Ferry timetable approved after six-hour hearing',
            author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', name: 'Ali Khan' }],
            datePublished: '2024-05-16T08:00:00Z',
            publisher: { '@type': 'Organization', name: 'Daily Harbor Media' },
          },
        ],
      })}<link rel="canonical" href="/news/2024/05/16/ferry"></head><body><h1>Ferry</h1></body></html>`,
    );
    expect(extractMetadata(doc, URL_ + '?utm_source=x')).toEqual({
      title: 'Ferry timetable approved after six-hour hearing',
      canonicalUrl: 'https://www.dailyharbor.example/news/2024/05/16/ferry',
      siteName: 'Daily Harbor Media',
      byline: 'Jane Doe, Ali Khan',
      publishedTime: '2024-05-16T08:00:00Z',
      lang: 'en-GB',
    });
  });

  it('uses Open Graph and meta tags when there is no JSON-LD', () => {
    const doc = parse(`<html lang="fr"><head><title>Doc title</title>
      <meta property="og:title" content="OG title"><meta property="og:site_name" content="Le Port">
      <meta name="author" content="Marie Curie"><meta property="article:published_time" content="2024-05-01">
      <meta property="og:url" content="https://www.dailyharbor.example/og"></head><body></body></html>`);
    expect(extractMetadata(doc, URL_)).toEqual({
      title: 'OG title',
      canonicalUrl: 'https://www.dailyharbor.example/og',
      siteName: 'Le Port',
      byline: 'Marie Curie',
      publishedTime: '2024-05-01',
      lang: 'fr',
    });
  });

  it('falls back to <title> (without the site suffix), then to <h1>', () => {
    const withTitle = parse(
      '<html><head><title> Ferry  approved - The Daily Harbor </title><meta property="og:site_name" content="The Daily Harbor"></head><body><h1>H1</h1></body></html>',
    );
    expect(extractMetadata(withTitle, URL_).title).toBe('Ferry approved');
    const onlyH1 = parse('<html><head></head><body><h1>  Only heading </h1></body></html>');
    expect(extractMetadata(onlyH1, URL_)).toEqual({ title: 'Only heading' });
    expect(extractMetadata(parse(''), URL_)).toEqual({ title: '' });
  });

  it('ignores author meta values that are profile URLs', () => {
    const doc = parse('<html><head><meta property="article:author" content="https://facebook.com/jane"></head><body></body></html>');
    expect(extractMetadata(doc, URL_).byline).toBeUndefined();
  });

  it('survives malformed JSON-LD', () => {
    const doc = parse('<html><head><title>T</title><script type="application/ld+json">{oops</script></head><body></body></html>');
    expect(extractMetadata(doc, URL_).title).toBe('T');
  });
});
