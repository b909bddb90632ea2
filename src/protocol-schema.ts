/**
 * The protocol's shapes as zod schemas: the background parses every request with these before
 * it touches the database. Kept apart from messages.ts so the content script, which only needs
 * the types, does not bundle zod.
 */
import { z } from 'zod';

import { COLOURS } from './messages';
import type { ParsedRequest } from './messages';

const quoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(100_000),
  prefix: z.string().max(1_000),
  suffix: z.string().max(1_000),
});
const positionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export const selectorSchema = z.discriminatedUnion('type', [quoteSelector, positionSelector]);

const pageKey = z.string().min(1).max(4_096);
const text = (max: number) => z.string().max(max);

export const pageInfoSchema = z.object({
  key: pageKey,
  url: text(4_096),
  title: text(1_000),
  site: text(500).optional(),
  byline: text(500).optional(),
  published: text(100).optional(),
  lang: text(35).optional(),
});

export const newAnnotationSchema = z.object({
  /** Chosen by the sender, so a create retried after a lost answer cannot store a duplicate. */
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/).optional(),
  pageKey,
  selectors: z.array(selectorSchema).min(1).max(8),
  colour: z.enum(COLOURS),
  note: text(100_000).default(''),
  tags: z.array(text(100)).max(50).default([]),
});

export const annotationPatchSchema = z
  .object({
    selectors: z.array(selectorSchema).min(1).max(8),
    colour: z.enum(COLOURS),
    note: text(100_000),
    tags: z.array(text(100)).max(50),
  })
  .partial();

const id = z.string().min(1).max(100);
const importId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
// Bounded to what a Date can hold (±8.64e15 ms), so an imported time never breaks "Export JSON".
const time = z.number().int().nonnegative().max(8.64e15);

/** A whole stored annotation: restoring a deleted one (undo) and importing a file. */
export const annotationSchema = z.object({
  id,
  pageKey,
  selectors: z.array(selectorSchema).min(1).max(8),
  colour: z.enum(COLOURS),
  note: text(100_000),
  tags: z.array(text(100)).max(50),
  created: time,
  updated: time,
});

export const requestSchema = z.discriminatedUnion('type', [
  /** Content script: the reader opened this page; answer with its annotations. */
  z.object({ type: z.literal('page/visit'), page: pageInfoSchema }),
  z.object({ type: z.literal('annotations/forPage'), pageKey }),
  z.object({ type: z.literal('annotation/create'), annotation: newAnnotationSchema, page: pageInfoSchema }),
  z.object({ type: z.literal('annotation/update'), id, patch: annotationPatchSchema }),
  z.object({ type: z.literal('annotation/delete'), id }),
  /** Popup: everything, newest first. */
  z.object({ type: z.literal('annotations/all') }),
  /** Content script: what it did on this tab, shown as the toolbar button's title. */
  // Room for a verdict, counts and a full error message with what to do.
  z.object({ type: z.literal('tab/status'), title: text(1_000) }),
  /** Extension pages: how many messages the background has refused (wrong sender or shape). */
  z.object({ type: z.literal('background/stats') }),
  /** Popup (undo): puts a deleted annotation back as it was, same id. */
  z.object({ type: z.literal('annotation/restore'), annotation: annotationSchema }),
  /** Popup (import): all or nothing, in one transaction; known ids are merged, newest wins. */
  z.object({
    type: z.literal('annotations/import'),
    annotations: z.array(annotationSchema).max(200_000),
    pages: z.array(pageInfoSchema).max(200_000),
    /** A large import: the parts sent before under this id come first (store/import-staging.ts). */
    importId: importId.optional(),
  }),
  /** Popup (a large import, one part): kept by the background until `annotations/import` with the same id. */
  z.object({
    type: z.literal('annotations/importPart'),
    importId,
    annotations: z.array(annotationSchema).max(200_000),
    pages: z.array(pageInfoSchema).max(200_000),
  }),
  /** Popup: what the content script of this tab reported (page key, verdict line). */
  z.object({ type: z.literal('popup/tabState'), tabId: z.number().int() }),
  /** Popup: open (or focus) the page of this annotation and scroll to it, flashing it. */
  z.object({ type: z.literal('popup/jump'), id }),
  /** Popup, after the browser lost data: put back what the backup has, or let it go. */
  z.object({ type: z.literal('backup/restore') }),
  z.object({ type: z.literal('backup/forget') }),
]);


export type ParseResult = { ok: true; request: ParsedRequest } | { ok: false; error: string };

export function parseRequest(message: unknown): ParseResult {
  const r = requestSchema.safeParse(message);
  if (r.success) return { ok: true, request: r.data };
  const first = r.error.issues[0];
  return { ok: false, error: `Invalid message: ${first?.path.join('.') || 'message'}: ${first?.message ?? 'bad shape'}` };
}

