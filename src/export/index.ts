export { escapeMarkdown, exportMarkdown, groupForMarkdown, pageToMarkdown, safeUrl, type MarkdownPage } from './markdown';
export {
  CONTEXT,
  exportOrder,
  exportWebAnnotations,
  parseWebAnnotations,
  toUrn,
  toWebAnnotation,
  type ImportParse,
} from './web-annotation';
