/**
 * Import of Hypothesis annotations: the JSON file Hypothesis's Share panel exports
 * (`{ export_date, export_userid, client_version, annotations: [...] }`) and a Hypothesis API
 * search response (`{ rows: [...] }`). Each annotation becomes a Clearmark highlight:
 *
 * - id `hypothesis:<Hypothesis id>`, so importing the same annotations again merges them;
 * - page key from `uri`, as for a visited page (tracking parameters and fragment dropped);
 * - its TextQuoteSelector, and its TextPositionSelector as a hint only (Hypothesis counts
 *   `textContent`, clutter and scripts included, so the offsets are not ours; the anchorer uses
 *   a position only to choose between equally good matches);
 * - `text` is the note (Markdown, as in Hypothesis), `tags`, `created`, `updated` kept;
 * - colour: the one the reader picked at import, else yellow.
 *
 * Not carried over: replies (`references`) and page notes (no selector): Clearmark keeps notes
 * on passages only, so they are skipped and counted. Also not kept: groups, permissions, the
 * user, `RangeSelector` (XPath over Hypothesis's view of the DOM), and annotations on non-web
 * documents (PDFs by `urn:x-pdf:` fingerprint, `file:` URLs): skipped and counted.
 */
import { z } from 'zod';
import type { Annotation, Colour, PageInfo } from '../messages';
import { annotationSchema } from '../protocol-schema';
import { normalizeUrl, resolveHttpUrl } from '../article';

export interface ImportSkips {
  replies: number;
  pageNotes: number;
  notOnWebPage: number;
}

export type HypothesisParse =
  | { ok: true; annotations: Annotation[]; pages: PageInfo[]; skipped: ImportSkips }
  | { ok: false; error: string };

const dateText = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)) && Date.parse(s) >= 0, 'is not a date');
const quote = z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1).max(100_000), prefix: z.string().max(10_000).optional(), suffix: z.string().max(10_000).optional() });
const position = z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), end: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) });
const row = z.object({
  id: z.string().min(1).max(90),
  uri: z.string().min(1).max(4_096),
  text: z.string().max(100_000).optional(),
  tags: z.array(z.string()).max(1_000).optional(),
  created: dateText.optional(),
  updated: dateText.optional(),
  references: z.array(z.unknown()).optional(),
  document: z.object({ title: z.union([z.string(), z.array(z.string())]).optional() }).passthrough().optional(),
  target: z.array(z.object({ source: z.string().optional(), selector: z.array(z.unknown()).max(32).optional() }).passthrough()).max(16).optional(),
});

/** Is this JSON a Hypothesis export or API search response? (Then it is parsed as one.) */
export function looksLikeHypothesis(json: unknown): json is { annotations: unknown[] } | { rows: unknown[] } {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return (Array.isArray(o.annotations) && ('export_date' in o || 'client_version' in o || 'export_userid' in o)) || (Array.isArray(o.rows) && 'total' in o) || Array.isArray(o.rows);
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/** Parses a Hypothesis file (already JSON): all of it, or the first problem with where it is. */
export function parseHypothesis(json: { annotations: unknown[] } | { rows: unknown[] }, options: { colour?: Colour; now?: number } = {}): HypothesisParse {
  const items = 'annotations' in json ? json.annotations : json.rows;
  if (items.length > 200_000) return { ok: false, error: 'This Hypothesis file has more than 200,000 annotations; Clearmark imports at most 200,000 at once.' };
  const now = options.now ?? Date.now();
  const skipped: ImportSkips = { replies: 0, pageNotes: 0, notOnWebPage: 0 };
  const annotations: Annotation[] = [];
  const pages = new Map<string, PageInfo>();
  const ids = new Set<string>();
  for (const [i, item] of items.entries()) {
    const where = `Hypothesis annotation ${i + 1}: `;
    const parsed = row.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, error: `${where}${issue.path.join('.') || 'annotation'}: ${issue.message}` };
    }
    const h = parsed.data;
    if (h.references?.length) {
      skipped.replies++;
      continue;
    }
    const url = resolveHttpUrl(h.uri);
    if (!url) {
      skipped.notOnWebPage++;
      continue;
    }
    const raw = h.target?.[0]?.selector ?? [];
    const quoteSel = raw.map((s) => quote.safeParse(s)).find((r) => r.success)?.data;
    if (!quoteSel) {
      skipped.pageNotes++;
      continue;
    }
    const pos = raw.map((s) => position.safeParse(s)).find((r) => r.success)?.data;
    const id = `hypothesis:${h.id}`;
    if (ids.has(id)) return { ok: false, error: `${where}the id ${h.id} appears twice in the file.` };
    ids.add(id);
    const created = h.created ? Date.parse(h.created) : now;
    const pageKey = normalizeUrl(url);
    const candidate = {
      id,
      pageKey,
      selectors: [
        // Hypothesis keeps 32 characters of context; longer ones are cut to what we store.
        { type: 'TextQuoteSelector' as const, exact: quoteSel.exact, prefix: (quoteSel.prefix ?? '').slice(-1_000), suffix: (quoteSel.suffix ?? '').slice(0, 1_000) },
        ...(pos && pos.end > pos.start ? [pos] : []),
      ],
      colour: options.colour ?? 'yellow',
      note: h.text ?? '',
      tags: [...new Set((h.tags ?? []).map((t) => clip(t.trim(), 100)).filter(Boolean))].slice(0, 50),
      created,
      updated: h.updated ? Math.max(created, Date.parse(h.updated)) : created,
    };
    const checked = annotationSchema.safeParse(candidate);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      return { ok: false, error: `${where}${issue.path.join('.')}: ${issue.message}` };
    }
    annotations.push(checked.data);
    if (!pages.has(pageKey)) {
      const t = h.document?.title;
      const title = (Array.isArray(t) ? t[0] : t) || url;
      pages.set(pageKey, { key: pageKey, url: clip(url, 4_096), title: clip(title, 1_000) });
    }
  }
  return { ok: true, annotations, pages: [...pages.values()], skipped };
}
