/**
 * One entry for the popup's Import: reads the file's JSON once and hands it to the parser for
 * its format. Every parser is all-or-nothing: the first problem is the answer, nothing else.
 */
import type { Annotation, Colour, PageInfo } from '../messages';
import { looksLikeHypothesis, parseHypothesis, type ImportSkips } from './hypothesis';
import { FORMATS, parseWebAnnotationJson } from './web-annotation';

export type ImportFileParse =
  | { ok: true; format: 'hypothesis' | 'web-annotation'; annotations: Annotation[]; pages: PageInfo[]; skipped: ImportSkips }
  | { ok: false; error: string };

export interface ImportOptions {
  /** The colour for annotations that carry none (Hypothesis's never do); yellow if not given. */
  colour?: Colour;
  now?: number;
}

export function parseImportFile(text: string, options: ImportOptions = {}): ImportFileParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `This file is not JSON. ${FORMATS}` };
  }
  if (looksLikeHypothesis(json)) {
    const r = parseHypothesis(json, options);
    return r.ok ? { ...r, format: 'hypothesis' } : r;
  }
  const r = parseWebAnnotationJson(json, options.now, options.colour);
  if (!r.ok) return r;
  return { ok: true, format: 'web-annotation', annotations: r.annotations, pages: r.pages, skipped: { replies: 0, pageNotes: r.pageNotes ?? 0, notOnWebPage: 0 } };
}

/** "2 replies and 1 page note skipped (Clearmark keeps notes on passages only)", or ''. */
export function describeSkips(s: ImportSkips): string {
  const parts: string[] = [];
  const n = (k: number, one: string, many: string) => k && parts.push(`${k} ${k === 1 ? one : many}`);
  n(s.replies, 'reply', 'replies');
  n(s.pageNotes, 'page note', 'page notes');
  n(s.notOnWebPage, 'annotation not on a web page (PDF or file)', 'annotations not on a web page (PDF or file)');
  return parts.length ? `Skipped: ${parts.join(', ')} (Clearmark keeps highlights on web pages only).` : '';
}
