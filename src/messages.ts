/**
 * The typed protocol between content script, popup and background. Names say the direction
 * (as in Dark Reader): requests go to the background, which owns the database; broadcasts go
 * from the background to content scripts and the popup.
 *
 * Every request is parsed with `parseRequest` on arrival: a message of the wrong shape never
 * reaches the database. The shapes live as zod schemas in protocol-schema.ts
 * (the types here are inferred from them); this file has no runtime dependency on zod.
 */
import type { z } from 'zod';
import type { annotationPatchSchema, newAnnotationSchema, pageInfoSchema, requestSchema, selectorSchema } from './protocol-schema';

// The colours are the painter's; the protocol only carries their names.
import { COLOURS, type Colour } from './highlight';
export { COLOURS, type Colour };

export type PageInfo = z.infer<typeof pageInfoSchema>;
export type NewAnnotation = z.input<typeof newAnnotationSchema>;
export type AnnotationPatch = z.infer<typeof annotationPatchSchema>;
/** A request as a sender writes it (defaults may be left out). */
export type Request = z.input<typeof requestSchema>;
/** A request after validation, as the background handles it (defaults filled in). */
export type ParsedRequest = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];

export interface Annotation {
  id: string;
  pageKey: string;
  selectors: z.infer<typeof selectorSchema>[];
  colour: Colour;
  note: string;
  tags: string[];
  created: number;
  updated: number;
}

export interface PageRecord extends PageInfo {
  lastSeen: number;
}

/** What the background answers, per request type. Errors come back as `{ error }`. */
export interface ResponseMap {
  'page/visit': { annotations: Annotation[] };
  'annotations/forPage': { annotations: Annotation[] };
  'annotation/create': { annotation: Annotation };
  'annotation/update': { annotation: Annotation };
  'annotation/delete': { deleted: boolean; pageKey?: string };
  'annotations/all': { annotations: Annotation[]; pages: PageRecord[] };
  'tab/status': { ok: true };
  'background/stats': { rejected: number };
  'annotation/restore': { annotation: Annotation };
  'annotations/import': ImportResult;
  'annotations/importPart': { staged: number };
  'popup/tabState': TabState;
  'popup/jump': { tabId: number; opened: boolean; scrolled: boolean };
  'backup/restore': { restored: number; pageKeys: string[] };
  'backup/forget': { ok: true };
}

export interface ImportResult {
  added: number;
  updated: number;
  /** Known ids whose stored copy was newer than the file's, left as they were. */
  kept: number;
  /** Known ids whose stored copy is the same as the file's (a file just exported). */
  unchanged: number;
  pageKeys: string[];
}

/** What the background knows about a tab from its content script (empty if it has none). */
export interface TabState {
  pageKey?: string;
  url?: string;
  /** The content script's status line: "Article — N clutter items hidden · 2 highlights (1 not found on the page)". */
  statusTitle?: string;
  /** True once the content script reported its status after loading the page's annotations. */
  loaded?: boolean;
}
export type ErrorResponse = { error: string };
export type Response<T extends RequestType> = ResponseMap[T] | ErrorResponse;

/** Background → content scripts and popup, after any write. */
export interface AnnotationsChangedBroadcast {
  type: 'broadcast/annotationsChanged';
  pageKey: string;
}

/** Background → one content script: the reader asked for something through the browser UI. */
export type BackgroundCommand =
  | { type: 'command/highlight' }
  /** Answer: `ScrollToAnswer`. */
  | { type: 'command/scrollTo'; id: string }
  /** Popup → one content script: what it knows about its page. Answer: `PageStateAnswer`. */
  | { type: 'command/pageState' }
  /** Popup → one content script: let the reader pick the passage an orphan belongs to. Answer: `{ ok: boolean }`. */
  | { type: 'command/reattach'; id: string };

export interface ScrollToAnswer {
  found: boolean;
  pageKey: string;
}

export interface PageStateAnswer {
  pageKey: string;
  verdict: { isArticle: boolean; score: number; reasons: string[] };
  /** Ids of this page's annotations whose passage was not found. */
  orphans: string[];
  declutter: { hidden: number; counts?: unknown } | null;
}

export function isErrorResponse(r: unknown): r is ErrorResponse {
  return typeof r === 'object' && r !== null && typeof (r as ErrorResponse).error === 'string';
}

/**
 * A new annotation id (UUID v4) chosen by the sender, so a retried create is recognised.
 * Built from getRandomValues: `crypto.randomUUID` is missing on plain-http pages, where
 * content scripts also run.
 */
export function newAnnotationId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
