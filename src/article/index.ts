// Public surface of src/article. Other modules import from here, never from the files.
export { detectArticle, ARTICLE_THRESHOLD, type ArticleDetection } from './detect';
export { extractMetadata, type PageMetadata } from './metadata';
export { pageKey, normalizeUrl, resolveHttpUrl, sameSite, sameSiteUrls, siteOf } from './page-key';
