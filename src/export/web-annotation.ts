/**
 * Export and import in the W3C Web Annotation Data Model (JSON-LD). Our own fields live in the
 * model: the note is a TextualBody with purpose "commenting" (Markdown), each tag a TextualBody
 * with purpose "tagging", the colour a `clearmark:colour` extension property; the page key is
 * `target.source`, the page's metadata `target.clearmark:page`; ids are `urn:uuid:…`.
 *
 * Export → import → export gives a byte-identical file: keys are written in a fixed order and
 * annotations sorted (page key, then reading order, then id).
 */
import { z } from 'zod';
import { COLOURS, type Annotation, type Colour, type PageInfo, type PageRecord } from '../messages';
import { annotationSchema, pageInfoSchema, selectorSchema } from '../protocol-schema';
import { byReadingOrder } from '../store';

export const CLEARMARK_NS = 'https://clearmark.dev/ns#';
export const CONTEXT = ['http://www.w3.org/ns/anno.jsonld', { clearmark: CLEARMARK_NS }] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const toUrn = (id: string) => (UUID.test(id) ? `urn:uuid:${id.toLowerCase()}` : `urn:clearmark:${encodeURIComponent(id)}`);

function pageOut(p: PageInfo) {
  const out: Record<string, string> = { url: p.url, title: p.title };
  for (const k of ['site', 'byline', 'published', 'lang'] as const) if (p[k] !== undefined) out[k] = p[k]!;
  return out;
}

/** One annotation as a W3C Web Annotation (without @context; the collection carries it). */
export function toWebAnnotation(a: Annotation, page?: PageInfo) {
  const body: Record<string, string>[] = [];
  if (a.note) body.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: a.note });
  for (const tag of a.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  const target: Record<string, unknown> = {
    source: a.pageKey,
    selector: a.selectors.map((s) =>
      s.type === 'TextQuoteSelector'
        ? { type: s.type, exact: s.exact, prefix: s.prefix, suffix: s.suffix }
        : { type: s.type, start: s.start, end: s.end },
    ),
  };
  if (page) target['clearmark:page'] = pageOut(page);
  return {
    id: toUrn(a.id),
    type: 'Annotation',
    motivation: a.note ? 'commenting' : 'highlighting',
    created: iso(a.created),
    modified: iso(a.updated),
    'clearmark:colour': a.colour,
    ...(body.length ? { body } : {}),
    target,
  };
}

/** The export order: by page key, then reading order within a page. */
export function exportOrder(annotations: Annotation[]): Annotation[] {
  return [...annotations].sort((x, y) => (x.pageKey < y.pageKey ? -1 : x.pageKey > y.pageKey ? 1 : byReadingOrder(x, y)));
}

/** Everything (or one page) as an AnnotationCollection, pretty-printed, ending with a newline. */
export function exportWebAnnotations(annotations: Annotation[], pages: (PageInfo | PageRecord)[]): string {
  const byKey = new Map(pages.map((p) => [p.key, p]));
  const items = exportOrder(annotations).map((a) => toWebAnnotation(a, byKey.get(a.pageKey)));
  const collection = {
    '@context': CONTEXT,
    type: 'AnnotationCollection',
    label: 'Clearmark annotations',
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}

// ---- import --------------------------------------------------------------------------------
/*
 * Besides our own files, other tools' W3C Web Annotation files: ids that are any http(s) or
 * urn: IRI (or none), `bodyValue` as the note, TextualBody bodies with or without `type`
 * (purpose tagging → tags, commenting / describing / none → note; other bodies are left out),
 * `target` as an object, a list (the first with a selector is taken) or a bare IRI (a page
 * note: skipped and counted, Clearmark keeps notes on passages only).
 */

/** What Clearmark reads, for messages about a file it cannot. */
export const FORMATS =
  'Clearmark imports W3C Web Annotation JSON (its own export or another tool\'s), a Hypothesis export (Share → Export) and a Hypothesis API search response.';

const isoDate = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'is not a date');
const textualBody = z.object({
  type: z.literal('TextualBody').optional(),
  purpose: z.string().max(100).optional(),
  value: z.string().max(100_000),
  format: z.string().max(100).optional(),
});
// Other bodies (a SpecificResource, a Choice, …) carry no text we keep.
const otherBody = z.object({ type: z.string().max(100).refine((t) => t !== 'TextualBody') }).passthrough();
const target = z.object({
  source: z.string().min(1).max(4_096),
  selector: z.union([selectorSchema, z.array(z.unknown()).min(1).max(16)]),
  'clearmark:page': pageInfoSchema.omit({ key: true }).optional(),
});
const webAnnotation = z.object({
  // A 100-character id is up to 900 characters percent-encoded (toUrn), so allow that back in.
  id: z
    .string()
    .regex(/^(urn:(uuid:[0-9a-f-]{36}|clearmark:[^\s]{1,1000})|https?:\/\/[^\s]{1,1000}|urn:[^\s]{1,1000})$/i, 'must be urn:uuid:… (or urn:clearmark:…, another urn:, or an http(s) IRI)')
    .optional(),
  type: z.literal('Annotation'),
  motivation: z.union([z.string().max(100), z.array(z.string().max(100)).max(10)]).optional(),
  created: isoDate.optional(),
  modified: isoDate.optional(),
  'clearmark:colour': z.enum(COLOURS).optional(),
  bodyValue: z.string().max(100_000).optional(),
  body: z.union([textualBody, otherBody, z.array(z.union([textualBody, otherBody])).max(60)]).optional(),
  target: z.unknown(),
});
const fileSchema = z.union([
  z.object({
    type: z.literal('AnnotationCollection'),
    first: z.object({ type: z.literal('AnnotationPage'), items: z.array(z.unknown()).max(200_000) }),
  }),
  z.object({ type: z.literal('AnnotationPage'), items: z.array(z.unknown()).max(200_000) }),
  z.array(z.unknown()).max(200_000),
]);

export type ImportParse =
  | { ok: true; annotations: Annotation[]; pages: PageInfo[]; pageNotes?: number }
  | { ok: false; error: string };

const fromUrn = (id: string) =>
  id.toLowerCase().startsWith('urn:uuid:') ? id.slice(9).toLowerCase() : decodeURIComponent(id.slice('urn:clearmark:'.length));

/** Another tool's id, or an annotation's content when it has none, as a stable id of ours (≤ 100 chars). */
function foreignKey(s: string): string {
  // Two FNV-1a variants: 64 bits, so two different annotations do not share an id in practice.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619) >>> 0;
    b = Math.imul(b ^ c, 2246822519) >>> 0;
  }
  return `wa:${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

const describeIssue = (issue: z.core.$ZodIssue, prefix: string) =>
  `${prefix}${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;

/**
 * Parses and validates an export file. Nothing is partly accepted: the first problem is
 * reported (with where it is) and no annotations are returned.
 */
export function parseWebAnnotations(text: string, now = Date.now(), colour?: Colour): ImportParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `This file is not JSON. ${FORMATS}` };
  }
  return parseWebAnnotationJson(json, now, colour);
}

/** The target with a selector: an object, or the first such in a list; null for a bare IRI (a page note). */
function pickTarget(t: unknown): unknown {
  if (typeof t === 'string') return null;
  if (Array.isArray(t)) return t.find((x) => x && typeof x === 'object' && 'selector' in x) ?? (t.every((x) => typeof x === 'string') ? null : t[0]);
  if (t && typeof t === 'object' && !('selector' in t) && 'source' in t) return null;
  return t;
}

export function parseWebAnnotationJson(json: unknown, now = Date.now(), colour?: Colour): ImportParse {
  const file = fileSchema.safeParse(json);
  if (!file.success)
    return { ok: false, error: `This JSON is not a Web Annotation collection (an AnnotationCollection, an AnnotationPage or a list of annotations) nor a Hypothesis file. ${FORMATS}` };
  const items = Array.isArray(file.data) ? file.data : 'first' in file.data ? file.data.first.items : file.data.items;
  const annotations: Annotation[] = [];
  const pages = new Map<string, PageInfo>();
  const ids = new Set<string>();
  let pageNotes = 0;
  for (const [i, item] of items.entries()) {
    const where = `Annotation ${i + 1}: `;
    const parsed = webAnnotation.safeParse(item);
    if (!parsed.success) return { ok: false, error: describeIssue(parsed.error.issues[0]!, where) };
    const w = parsed.data;
    const picked = pickTarget(w.target);
    if (picked === null) {
      pageNotes++;
      continue;
    }
    // One selector or a list: a list either way (each is validated below).
    const sel0 = (picked as { selector?: unknown })?.selector;
    const t = target.safeParse(sel0 && typeof sel0 === 'object' && !Array.isArray(sel0) ? { ...(picked as object), selector: [sel0] } : picked);
    if (!t.success) return { ok: false, error: describeIssue({ ...t.error.issues[0]!, path: ['target', ...t.error.issues[0]!.path] }, where) };
    const tg = t.data;
    const rawSelectors = Array.isArray(tg.selector) ? tg.selector : [tg.selector];
    // Selectors we do not know (XPath, CSS…) are left out; ours must be well formed.
    const selectors = [];
    for (const s of rawSelectors) {
      const type = (s as { type?: unknown })?.type;
      if (type !== 'TextQuoteSelector' && type !== 'TextPositionSelector') continue;
      // Other tools often leave out an empty prefix or suffix.
      const filled = type === 'TextQuoteSelector' && s && typeof s === 'object' && !isOurs(w.id) ? { prefix: '', suffix: '', ...(s as object) } : s;
      const sel = selectorSchema.safeParse(filled);
      if (!sel.success) return { ok: false, error: describeIssue(sel.error.issues[0]!, `${where}target.selector: `) };
      selectors.push(sel.data);
    }
    if (!selectors.some((s) => s.type === 'TextQuoteSelector'))
      return { ok: false, error: `${where}has no TextQuoteSelector, so Clearmark could not find its passage.` };
    const bodies = (w.body === undefined ? [] : Array.isArray(w.body) ? w.body : [w.body]).filter(
      (b): b is z.infer<typeof textualBody> => typeof (b as { value?: unknown }).value === 'string' && (b.type === undefined || b.type === 'TextualBody'),
    );
    const motivations = Array.isArray(w.motivation) ? w.motivation : w.motivation ? [w.motivation] : [];
    const isNote = (b: z.infer<typeof textualBody>) =>
      b.purpose === 'commenting' || b.purpose === 'describing' || (!b.purpose && (!isOurs(w.id) || motivations.includes('commenting')));
    const notes = [...(w.bodyValue ? [w.bodyValue] : []), ...bodies.filter(isNote).map((b) => b.value)];
    const tags = bodies.filter((b) => b.purpose === 'tagging').map((b) => b.value);
    let id: string;
    try {
      id = w.id === undefined ? foreignKey(JSON.stringify([tg.source, rawSelectors, w.created ?? ''])) : isOurs(w.id) ? fromUrn(w.id) : foreignKey(w.id);
    } catch {
      return { ok: false, error: `${where}id: ${w.id!.slice(0, 80)} is not valid percent-encoding.` };
    }
    if (ids.has(id)) return { ok: false, error: `${where}the id ${w.id ?? '(none: same target and time)'} appears twice in the file.` };
    ids.add(id);
    const created = w.created ? Date.parse(w.created) : now;
    const candidate = {
      id,
      pageKey: tg.source,
      selectors,
      colour: w['clearmark:colour'] ?? colour ?? 'yellow',
      note: notes.join('\n\n'),
      tags,
      created,
      updated: w.modified ? Date.parse(w.modified) : created,
    };
    const checked = annotationSchema.safeParse(candidate);
    if (!checked.success) return { ok: false, error: describeIssue(checked.error.issues[0]!, where) };
    annotations.push(checked.data);
    const meta = tg['clearmark:page'];
    if (!pages.has(candidate.pageKey))
      pages.set(candidate.pageKey, { key: candidate.pageKey, ...(meta ?? { url: candidate.pageKey, title: candidate.pageKey }) });
  }
  return { ok: true, annotations, pages: [...pages.values()], ...(pageNotes ? { pageNotes } : {}) };
}

/** Ids Clearmark writes (urn:uuid:… and urn:clearmark:…); anything else is another tool's. */
function isOurs(id: string | undefined): id is string {
  return id !== undefined && /^urn:(uuid:[0-9a-f-]{36}|clearmark:)/i.test(id);
}
