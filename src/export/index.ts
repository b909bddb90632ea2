export { escapeMarkdown, exportMarkdown, exportPageMarkdown, fileNameFor, groupForMarkdown, pageToMarkdown, safeUrl, type MarkdownPage } from './markdown';
export { safeNoteMarkdown } from './note-markdown';
export {
  CONTEXT,
  exportOrder,
  exportWebAnnotations,
  parseWebAnnotations,
  parseWebAnnotationJson,
  FORMATS,
  toUrn,
  toWebAnnotation,
  type ImportParse,
} from './web-annotation';
export { describeSkips, parseImportFile, type ImportFileParse, type ImportOptions } from './import-file';
export { parseHypothesis, type ImportSkips } from './hypothesis';
export { importParts, PART_CHARS, type ImportPart } from './import-parts';
