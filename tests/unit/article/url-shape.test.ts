import { nonArticleUrlReason, storyUrlReason } from '../../../src/article/url-shape';

describe('nonArticleUrlReason', () => {
  it.each([
    ['https://example.com/', 'site front page URL'],
    ['https://example.com', 'site front page URL'],
    ['https://example.com/index.html', 'site front page URL'],
    ['https://example.com/search?q=ferry', 'search URL'],
    ['https://example.com/news?q=ferry', 'search URL'],
    ['https://example.com/search/ferry', 'search URL'],
    ['https://example.com/tag/climate/', 'tag index URL'],
    ['https://example.com/category/news/page/2/', 'category index URL'],
    ['https://example.com/author/jane-doe', 'author index URL'],
    ['https://example.com/news/page/3', 'paginated index URL'],
    ['https://example.com/account/login', 'account page URL'],
    ['https://example.com/videos/', 'video index URL'],
  ])('%s → %s', (url, reason) => {
    expect(nonArticleUrlReason(url)).toBe(reason);
  });

  it.each([
    'https://example.com/news/2024/05/16/ferry-timetable-approved',
    'https://example.com/my-first-post',
    'https://example.com/video/2024/05/bridge-lights-up',
    'https://example.com/2019/tag-team-wins-title',
    'https://example.com/story?id=123',
    'https://example.com/tag/climate/2024/05/16/a-story-filed-under-a-tag-path',
  ])('says nothing about %s', (url) => {
    expect(nonArticleUrlReason(url)).toBeNull();
  });

  it('ignores missing, invalid and non-http URLs', () => {
    expect(nonArticleUrlReason(undefined)).toBeNull();
    expect(nonArticleUrlReason('not a url')).toBeNull();
    expect(nonArticleUrlReason('about:blank')).toBeNull();
    expect(nonArticleUrlReason('file:///home/me/')).toBeNull();
  });
});

describe('storyUrlReason', () => {
  it.each([
    ['https://scienceblogs.de/mathlog/2023/11/06/muenzwuerfe-sind-nicht-zufaellig/', 'story-shaped URL (dated)'],
    ['https://ukbdnews.com/2020/08/23646/', 'story-shaped URL (dated)'],
    ['https://www.forstpraxis.de/pilotprojekt-heizen-mit-pellets-aus-laub-so-funktioniert-es-21677', 'story-shaped URL (headline slug)'],
    ['https://football.ua/germany/311510-podolski-zavershil-kareru-v-sbornojj.html', 'story-shaped URL (headline slug)'],
    ['https://www.dailyharbor.example/news/2024-05-16-ferry', 'story-shaped URL (dated)'],
  ])('%s → %s', (url, reason) => {
    expect(storyUrlReason(url)).toBe(reason);
  });

  it.each([
    'https://example.com/',
    'https://www.dailyharbor.example/climate',
    'https://www.vinosytapas.de/wein/herkunft/spanien/d_o_ca_-rioja/',
    'https://blog.example/tag/sea-level-rise-in-the-north/',
    'https://example.com/news/page/3',
    'https://example.com/2024/',
  ])('%s → not a story URL', (url) => {
    expect(storyUrlReason(url)).toBeNull();
  });
});

describe('nonArticleUrlReason: stories addressed by number', () => {
  it.each([
    ['http://archiv.krimiblog.de/?p=2895', null],
    ['https://www.sonnenenergie.de//index.php?id=30&no_cache=1&tx_ttnews%5Btt_news%5D=477', null],
    ['https://example.com/?lang=de', 'site front page URL'],
    ['http://www.echte-demokratie-jetzt.de/blog/', 'blog index URL'],
  ])('%s → %s', (url, reason) => {
    expect(nonArticleUrlReason(url)).toBe(reason);
  });
});
