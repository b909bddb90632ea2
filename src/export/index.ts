export { escapeMarkdown, exportMarkdown, exportPageMarkdown, fileNameFor, groupForMarkdown, pageToMarkdown, safeUrl, type MarkdownPage } from './markdown';
export { safeNoteMarkdown } from './note-markdown';
export {
  CONTEXT,
  exportOrder,
  exportWebAnnotations,
  parseWebAnnotations,
  toUrn,
  toWebAnnotation,
  type ImportParse,
} from './web-annotation';
