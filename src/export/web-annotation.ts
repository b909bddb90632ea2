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
import { COLOURS, type Annotation, type PageInfo, type PageRecord } from '../messages';
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

const isoDate = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'is not a date');
const textualBody = z.object({
  type: z.literal('TextualBody'),
  purpose: z.string().max(100).optional(),
  value: z.string().max(100_000),
  format: z.string().max(100).optional(),
});
const target = z.object({
  source: z.string().min(1).max(4_096),
  selector: z.union([selectorSchema, z.array(z.unknown()).min(1).max(16)]),
  'clearmark:page': pageInfoSchema.omit({ key: true }).optional(),
});
const webAnnotation = z.object({
  // A 100-character id is up to 900 characters percent-encoded (toUrn), so allow that back in.
  id: z.string().regex(/^urn:(uuid:[0-9a-f-]{36}|clearmark:[^\s]{1,1000})$/i, 'must be urn:uuid:… (or urn:clearmark:…)'),
  type: z.literal('Annotation'),
  motivation: z.string().max(100).optional(),
  created: isoDate.optional(),
  modified: isoDate.optional(),
  'clearmark:colour': z.enum(COLOURS).optional(),
  body: z.union([textualBody, z.array(textualBody).max(60)]).optional(),
  target,
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
  | { ok: true; annotations: Annotation[]; pages: PageInfo[] }
  | { ok: false; error: string };

const fromUrn = (id: string) =>
  id.toLowerCase().startsWith('urn:uuid:') ? id.slice(9).toLowerCase() : decodeURIComponent(id.slice('urn:clearmark:'.length));

const describeIssue = (issue: z.core.$ZodIssue, prefix: string) =>
  `${prefix}${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;

/**
 * Parses and validates an export file. Nothing is partly accepted: the first problem is
 * reported (with where it is) and no annotations are returned.
 */
export function parseWebAnnotations(text: string, now = Date.now()): ImportParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not JSON. Choose a file exported from Clearmark (Web Annotation JSON).' };
  }
  const file = fileSchema.safeParse(json);
  if (!file.success)
    return { ok: false, error: 'This JSON is not a Web Annotation collection: expected an AnnotationCollection, an AnnotationPage or a list of annotations.' };
  const items = Array.isArray(file.data) ? file.data : 'first' in file.data ? file.data.first.items : file.data.items;
  const annotations: Annotation[] = [];
  const pages = new Map<string, PageInfo>();
  const ids = new Set<string>();
  for (const [i, item] of items.entries()) {
    const where = `Annotation ${i + 1}: `;
    const parsed = webAnnotation.safeParse(item);
    if (!parsed.success) return { ok: false, error: describeIssue(parsed.error.issues[0]!, where) };
    const w = parsed.data;
    const rawSelectors = Array.isArray(w.target.selector) ? w.target.selector : [w.target.selector];
    // Selectors we do not know (XPath, CSS…) are left out; ours must be well formed.
    const selectors = [];
    for (const s of rawSelectors) {
      const type = (s as { type?: unknown })?.type;
      if (type !== 'TextQuoteSelector' && type !== 'TextPositionSelector') continue;
      const sel = selectorSchema.safeParse(s);
      if (!sel.success) return { ok: false, error: describeIssue(sel.error.issues[0]!, `${where}target.selector: `) };
      selectors.push(sel.data);
    }
    if (!selectors.some((s) => s.type === 'TextQuoteSelector'))
      return { ok: false, error: `${where}has no TextQuoteSelector, so Clearmark could not find its passage.` };
    const bodies = w.body === undefined ? [] : Array.isArray(w.body) ? w.body : [w.body];
    const notes = bodies.filter((b) => b.purpose === 'commenting' || (!b.purpose && w.motivation === 'commenting'));
    const tags = bodies.filter((b) => b.purpose === 'tagging').map((b) => b.value);
    let id: string;
    try {
      id = fromUrn(w.id);
    } catch {
      return { ok: false, error: `${where}id: ${w.id.slice(0, 80)} is not valid percent-encoding.` };
    }
    if (ids.has(id)) return { ok: false, error: `${where}the id ${w.id} appears twice in the file.` };
    ids.add(id);
    const created = w.created ? Date.parse(w.created) : now;
    const candidate = {
      id,
      pageKey: w.target.source,
      selectors,
      colour: w['clearmark:colour'] ?? 'yellow',
      note: notes.map((n) => n.value).join('\n\n'),
      tags,
      created,
      updated: w.modified ? Date.parse(w.modified) : created,
    };
    const checked = annotationSchema.safeParse(candidate);
    if (!checked.success) return { ok: false, error: describeIssue(checked.error.issues[0]!, where) };
    annotations.push(checked.data);
    const meta = w.target['clearmark:page'];
    if (!pages.has(candidate.pageKey))
      pages.set(candidate.pageKey, { key: candidate.pageKey, ...(meta ?? { url: candidate.pageKey, title: candidate.pageKey }) });
  }
  return { ok: true, annotations, pages: [...pages.values()] };
}
