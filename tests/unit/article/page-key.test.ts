import { normalizeUrl, pageKey, sameSiteUrls, siteOf } from '../../../src/article';
import { parse } from './helpers';

const withHead = (head: string) => parse(`<!DOCTYPE html><html><head>${head}</head><body><p>x</p></body></html>`);
const bare = withHead('');

describe('normalizeUrl / pageKey without canonical', () => {
  it('drops the fragment and tracking parameters, keeps and sorts the rest', () => {
    expect(
      pageKey(bare, 'https://News.Example.com/a/story?utm_source=x&b=2&fbclid=1&a=1&utm_campaign=y&gclid=z#section-2'),
    ).toBe('https://news.example.com/a/story?a=1&b=2');
  });

  it.each(['utm_medium', 'UTM_Term', 'dclid', 'msclkid', 'mc_cid', 'mc_eid', '_ga', 'igshid', 'ref_src', 'gbraid', '_hsenc'])(
    'drops %s',
    (param) => {
      expect(normalizeUrl(`https://example.com/a?${param}=1&id=7`)).toBe('https://example.com/a?id=7');
    },
  );

  it('keeps parameters that choose the page', () => {
    expect(normalizeUrl('https://example.com/article.php?page=2&id=7')).toBe('https://example.com/article.php?id=7&page=2');
  });

  it('drops default ports and keeps others', () => {
    expect(normalizeUrl('https://example.com:443/a')).toBe('https://example.com/a');
    expect(normalizeUrl('http://example.com:80/a')).toBe('http://example.com/a');
    expect(normalizeUrl('http://example.com:8080/a')).toBe('http://example.com:8080/a');
  });

  it('leaves no dangling "?" when every parameter was tracking', () => {
    expect(normalizeUrl('https://example.com/a?utm_source=x')).toBe('https://example.com/a');
  });

  it('gives the same key for the same article reached through different links', () => {
    const a = pageKey(bare, 'https://example.com/story?id=1&utm_source=newsletter#comments');
    const b = pageKey(bare, 'https://EXAMPLE.com:443/story?fbclid=abc&id=1');
    expect(a).toBe(b);
  });
});

describe('pageKey with canonical URLs', () => {
  it('prefers <link rel=canonical>, normalized', () => {
    const doc = withHead('<link rel="canonical" href="https://www.example.com/news/story?utm_source=rss">');
    expect(pageKey(doc, 'https://www.example.com/news/story?ref=home&x=1')).toBe('https://www.example.com/news/story');
  });

  it('resolves a relative canonical href against the page URL', () => {
    const doc = withHead('<link rel="canonical" href="/news/story">');
    expect(pageKey(doc, 'https://www.example.com/amp/news/story?x=1')).toBe('https://www.example.com/news/story');
  });

  it('falls back to og:url', () => {
    const doc = withHead('<meta property="og:url" content="https://example.com/news/story">');
    expect(pageKey(doc, 'https://www.example.com/news/story?from=app')).toBe('https://example.com/news/story');
  });

  it('accepts a canonical on a sibling subdomain of the same site', () => {
    const doc = withHead('<link rel="canonical" href="https://www.example.com/story">');
    expect(pageKey(doc, 'https://amp.example.com/story')).toBe('https://www.example.com/story');
  });

  it('ignores a canonical URL on another site', () => {
    const doc = withHead('<link rel="canonical" href="https://original-publisher.com/story">');
    expect(pageKey(doc, 'https://aggregator.example/copy/story?utm_source=x')).toBe('https://aggregator.example/copy/story');
  });

  it('treats IP addresses and localhost as sites of their own', () => {
    const doc = withHead('<link rel="canonical" href="http://10.0.0.1/story">');
    expect(pageKey(doc, 'http://192.168.0.1/story')).toBe('http://192.168.0.1/story');
    expect(pageKey(withHead('<link rel="canonical" href="http://localhost:8080/a">'), 'http://localhost:8080/a?utm_source=x')).toBe(
      'http://localhost:8080/a',
    );
  });

  it('ignores a canonical that is not http(s), or is garbage', () => {
    expect(pageKey(withHead('<link rel="canonical" href="javascript:alert(1)">'), 'https://example.com/a#b')).toBe(
      'https://example.com/a',
    );
    expect(pageKey(withHead('<link rel="canonical" href="http://[bad">'), 'https://example.com/a')).toBe('https://example.com/a');
  });

  it('uses og:url when the canonical link points elsewhere', () => {
    const doc = withHead(
      '<link rel="canonical" href="https://other.org/x"><meta property="og:url" content="https://example.com/story">',
    );
    expect(pageKey(doc, 'https://example.com/story?utm_medium=social')).toBe('https://example.com/story');
  });
});

describe('sites by the Public Suffix List', () => {
  it.each([
    ['https://alice.github.io/post', 'https://mallory.github.io/post'],
    ['https://victim.co.uk/story', 'https://evil.co.uk/story'],
    ['https://a.blogspot.com/x', 'https://b.blogspot.com/x'],
    ['https://a.netlify.app/x', 'https://b.netlify.app/x'],
    ['https://a.s3.amazonaws.com/x', 'https://b.s3.amazonaws.com/x'],
  ])('a canonical on another tenant of a shared suffix is ignored (%s vs %s)', (victim, attacker) => {
    const doc = withHead(`<link rel="canonical" href="${victim}"><meta property="og:url" content="${victim}">`);
    expect(pageKey(doc, attacker)).toBe(attacker);
    expect(sameSiteUrls(victim, attacker)).toBe(false);
  });

  it('accepts subdomains of one registrable domain under a multi-label suffix', () => {
    const doc = withHead('<link rel="canonical" href="https://www.bbc.co.uk/news/1">');
    expect(pageKey(doc, 'https://m.bbc.co.uk/news/1?x=1')).toBe('https://www.bbc.co.uk/news/1');
    expect(siteOf('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteOf('alice.github.io')).toBe('alice.github.io');
  });

  it('gives IP addresses and single-label hosts no site beyond themselves', () => {
    expect(siteOf('127.0.0.1')).toBeUndefined();
    expect(siteOf('localhost')).toBeUndefined();
    expect(sameSiteUrls('http://127.0.0.1:1/a', 'http://127.0.0.1:2/b')).toBe(true);
    expect(sameSiteUrls('http://10.0.0.1/a', 'http://10.0.0.2/a')).toBe(false);
    expect(sameSiteUrls('not a url', 'https://example.com')).toBe(false);
  });
});

// substack.com is not on the Public Suffix List (checked with tldts 7.6): its subdomains count as
// one site, as browsers' own site isolation treats them. We follow the list, not our own.
