import { detectArticle } from '../../../src/article';
import { ARTICLE_URL, jsonLd, page, paragraphs, teasers } from './helpers';

/** A plain news article: headline, byline, body of `n` paragraphs, a small related rail. */
function articlePage(head = '', n = 8, wrap = (body: string) => `<article><h1>Ferry timetable approved</h1>${body}</article>`) {
  const related = `<aside class="related"><h2>Related</h2>${teasers(3, 'div')}</aside>`;
  return page(head, `<main>${wrap(`<p class="byline">By Jane Doe</p>${paragraphs(n)}`)}</main>${related}`);
}

describe('detectArticle: signals that say "article"', () => {
  it('recognises a plain article by its body alone, with readable reasons', () => {
    const r = detectArticle(articlePage(), ARTICLE_URL);
    expect(r.isArticle).toBe(true);
    expect(r.reasons).toContain('8 long paragraphs');
    expect(r.reasons).toContain('body in an <article> element');
    expect(r.reasons).toContain('Readability: readerable');
  });

  it('counts schema.org NewsArticle, og:type and published time', () => {
    const head =
      jsonLd({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Ferry' }) +
      '<meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-16T08:00:00Z">';
    const plain = detectArticle(articlePage('', 3), ARTICLE_URL);
    const rich = detectArticle(articlePage(head, 3), ARTICLE_URL);
    expect(rich.reasons).toEqual(expect.arrayContaining(['schema.org NewsArticle', 'og:type article', 'article:published_time']));
    expect(rich.score).toBeCloseTo(plain.score + 5.5);
    expect(rich.isArticle).toBe(true);
  });

  it('reads og:type case-insensitively (CNET writes "Article")', () => {
    const r = detectArticle(articlePage('<meta property="og:type" content="Article">', 3), ARTICLE_URL);
    expect(r.reasons).toContain('og:type article');
  });

  it('finds an article marked up only in @graph', () => {
    const head = jsonLd({ '@graph': [{ '@type': 'WebSite', name: 'S' }, { '@type': 'ReportageNewsArticle', headline: 'H' }] });
    expect(detectArticle(articlePage(head, 2), ARTICLE_URL).reasons).toContain('schema.org ReportageNewsArticle');
  });

  it('recognises a body split into wrapper divs (one <p> per <div>)', () => {
    const wrapped = paragraphs(8).replace(/<p>/g, '<div class="para"><p>').replace(/<\/p>/g, '</p></div>');
    const r = detectArticle(page('', `<main><h1>Title</h1><div class="body">${wrapped}</div></main>`), ARTICLE_URL);
    expect(r.isArticle).toBe(true);
  });

  it('recognises CJK articles, whose paragraphs are short in characters', () => {
    const p = '<p>トレンドマイクロは3月9日、Wi-Fi利用時の通信を暗号化し保護するスマホ・タブレット向けのセキュリティアプリの発売を開始すると発表した。</p>';
    const r = detectArticle(page('', `<main><h1>発表</h1><div class="body">${p.repeat(6)}</div></main>`), ARTICLE_URL);
    expect(r.reasons).toContain('6 long paragraphs');
    expect(r.isArticle).toBe(true);
  });

  it('outweighs a login modal and a related-stories rail on a real article', () => {
    const modal = '<div class="modal"><form><input type="email"><input type="password"><button>Sign in</button></form></div>';
    const rail = `<section class="more">${teasers(12)}</section>`;
    const doc = page('<meta property="og:type" content="article">', `<main><article><h1>T</h1>${paragraphs(12)}</article></main>${rail}${modal}`);
    expect(detectArticle(doc, ARTICLE_URL).isArticle).toBe(true);
  });
});

describe('detectArticle: traps that are not articles', () => {
  it('a blog front page with many <article> teasers', () => {
    const doc = page('<meta property="og:type" content="website">', `<main><h1>Harbor Notes</h1>${teasers(12)}</main>`);
    const r = detectArticle(doc, 'https://blog.example/2024/');
    expect(r.isArticle).toBe(false);
    expect(r.reasons).toContain('12 teasers linking elsewhere');
  });

  it('a blog front page showing several full posts', () => {
    const post = (i: number) => `<article><h2><a href="/p/${i}">Post ${i}</a></h2>${paragraphs(4, i)}</article>`;
    const r = detectArticle(page('', `<main>${[1, 2, 3].map(post).join('')}</main>`), 'https://blog.example/2024/05/');
    expect(r.isArticle).toBe(false);
    expect(r.reasons).toContain('3 full posts on one page');
  });

  it('a search page with an <article> per result', () => {
    const results = Array.from(
      { length: 8 },
      (_, i) => `<article class="result"><h2><a href="/news/${i}">Result ${i}</a></h2>${paragraphs(1, i)}</article>`,
    ).join('');
    const doc = page(
      '',
      `<main><form action="/search"><input type="search" name="q" value="ferry"></form><h1>Search results for “ferry”</h1>${results}</main>`,
    );
    const r = detectArticle(doc, 'https://www.dailyharbor.example/find?term=ferry');
    expect(r.isArticle).toBe(false);
    expect(r.reasons).toContain('search results');
  });

  it('a login page, even with some marketing text', () => {
    const doc = page(
      '',
      `<main><h1>Sign in</h1>${paragraphs(2)}<form method="post"><input type="email" name="email"><input type="password" name="password"><button>Sign in</button></form></main>`,
    );
    const r = detectArticle(doc, 'https://www.dailyharbor.example/members/welcome');
    expect(r.isArticle).toBe(false);
    expect(r.reasons).toContain('login form');
  });

  it('ignores password fields hidden by markup', () => {
    const doc = page('', `<main><h1>T</h1>${paragraphs(2)}<div hidden><input type="password"></div><template><input type="password"></template></main>`);
    expect(detectArticle(doc, ARTICLE_URL).reasons).not.toContain('login form');
  });

  it('a page whose only JSON-LD is WebSite', () => {
    const head = jsonLd({ '@context': 'https://schema.org', '@type': 'WebSite', name: 'Daily Harbor', url: 'https://www.dailyharbor.example/' });
    const doc = page(head, `<main><h1>Welcome</h1><p>Short intro.</p>${teasers(4, 'div')}</main>`);
    const r = detectArticle(doc, ARTICLE_URL);
    expect(r.isArticle).toBe(false);
    expect(r.reasons.some((s) => s.startsWith('schema.org'))).toBe(false);
  });

  it('a site root, whatever its markup says', () => {
    const doc = articlePage('<meta property="og:type" content="article">', 3);
    const r = detectArticle(doc, 'https://www.dailyharbor.example/');
    expect(r.reasons).toContain('site front page URL');
    expect(r.isArticle).toBe(false);
  });

  it('tag and category pages with long excerpts', () => {
    const posts = Array.from({ length: 6 }, (_, i) => `<div class="post"><h2><a href="/p/${i}">P${i}</a></h2>${paragraphs(1, i)}</div>`).join('');
    for (const url of ['https://blog.example/tag/climate/', 'https://blog.example/category/ports/']) {
      expect(detectArticle(page('', `<main>${posts}</main>`), url).isArticle).toBe(false);
    }
  });

  it('a 404 page with a popular-stories rail', () => {
    const doc = page('', `<main><h1>Page not found</h1>${paragraphs(1)}${teasers(4, 'div')}</main>`);
    const r = detectArticle(doc, ARTICLE_URL);
    expect(r.isArticle).toBe(false);
    expect(r.reasons).toContain('error page (not found)');
  });

  it('a video index', () => {
    const cards = Array.from({ length: 10 }, (_, i) => `<div class="v"><a href="/video/2024/clip-${i}"><img alt=""></a><h3><a href="/video/2024/clip-${i}">Clip ${i}</a></h3></div>`).join('');
    const r = detectArticle(page('<meta property="og:type" content="video.other">', `<main><h1>Video</h1><video src="/v.mp4"></video>${cards}</main>`), 'https://www.dailyharbor.example/watch-live');
    expect(r.isArticle).toBe(false);
    expect(r.reasons.some((s) => s.startsWith('video index'))).toBe(true);
  });

  it('an empty document, and one with malformed JSON-LD, without throwing', () => {
    expect(detectArticle(new DOMParser().parseFromString('', 'text/html')).isArticle).toBe(false);
    const doc = page('<script type="application/ld+json">{"@type":"NewsArticle",</script>', '<p>x</p>');
    expect(() => detectArticle(doc, ARTICLE_URL)).not.toThrow();
    expect(detectArticle(doc, ARTICLE_URL).isArticle).toBe(false);
  });
});

describe('detectArticle: cheap on any page', () => {
  it('never asks for layout (innerText, getComputedStyle, client rects)', () => {
    const doc = articlePage('<meta property="og:type" content="article">', 10);
    const view = doc.defaultView ?? window;
    const spies = [
      vi.spyOn(view, 'getComputedStyle'),
      vi.spyOn(view.HTMLElement.prototype, 'innerText', 'get'),
      vi.spyOn(view.Element.prototype, 'getBoundingClientRect'),
      vi.spyOn(view.Element.prototype, 'getClientRects'),
    ];
    try {
      expect(detectArticle(doc, ARTICLE_URL).isArticle).toBe(true);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('gives an answer on a huge index page (speed itself is measured by npm run bench)', () => {
    const huge = page('', `<main>${teasers(600, 'div')}${'<p>short</p>'.repeat(5000)}</main>`);
    const r = detectArticle(huge, ARTICLE_URL);
    expect(r.isArticle).toBe(false);
    expect(r.reasons).toContain('400 teasers linking elsewhere');
  });
});

describe('detectArticle: self-declared stories among rails (issue #13)', () => {
  const newsArticle = jsonLd({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Ferry timetable approved' });
  const videoRail = `<aside class="videos">${Array.from({ length: 22 }, (_, i) => `<a href="/video/clip-${i}">Clip ${i}</a>`).join('')}</aside>`;

  it('a NewsArticle with a short body is not sunk by 23 teasers and a video rail', () => {
    const doc = page(newsArticle, `<main><article><h1>Ferry timetable approved</h1>${paragraphs(3)}</article></main><section class="more">${teasers(23)}</section>${videoRail}`);
    const r = detectArticle(doc, ARTICLE_URL);
    expect(r.isArticle, r.reasons.join('; ')).toBe(true);
    expect(r.reasons).not.toContain('23 teasers linking elsewhere');
  });

  it('finds a body written as text and <br>s in one <div>', () => {
    const text = paragraphs(6).replace(/<p>/g, '').replace(/<\/p>/g, '<br><br>');
    const head = '<meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-16T08:00:00Z">';
    const r = detectArticle(page(head, `<main><h1>Ferry</h1><div id="story-text">${text}</div></main>`), ARTICLE_URL);
    expect(r.isArticle, r.reasons.join('; ')).toBe(true);
  });

  it('a section page carrying og:type article stays not an article', () => {
    const doc = page('<meta property="og:type" content="article">', `<main><h1>Climate</h1><p>${'Our climate coverage. '.repeat(2)}</p>${teasers(14)}</main>`);
    expect(detectArticle(doc, 'https://www.dailyharbor.example/climate').isArticle).toBe(false);
  });
});
