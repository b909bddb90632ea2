import { nonArticleUrlReason } from '../../../src/article/url-shape';

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
