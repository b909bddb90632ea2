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
  | { type: 'command/scrollTo'; id: string };

export function isErrorResponse(r: unknown): r is ErrorResponse {
  return typeof r === 'object' && r !== null && typeof (r as ErrorResponse).error === 'string';
}
