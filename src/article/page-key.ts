/**
 * The key annotations are stored under. The same article reached through a newsletter link,
 * a social share and the front page must show the same notes, so the key drops what differs
 * between those links (tracking parameters, fragments, parameter order, default ports) and
 * prefers the publisher's canonical URL. A canonical URL pointing at another site is ignored:
 * syndicated copies and hostile pages could otherwise borrow another page's notes.
 */
import { parse } from 'tldts';

/** Query parameters that identify the click, not the page. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'yclid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'igshid',
  'igsh',
  'ref_src',
  'ref_url',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'rb_clickid',
  's_cid',
  'vero_id',
  'wickedid',
  'spm',
  'cmpid',
  'ito',
  'smid',
  'smtyp',
  'sr_share',
  'at_medium',
  'at_campaign',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'stm_'];

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/** Resolve `href` against `base`; only http(s) results, else undefined. */
export function resolveHttpUrl(href: string, base?: string): string | undefined {
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The registrable domain ("site") of a hostname by the Public Suffix List (tldts): `github.io`,
 * `co.uk`, `blogspot.com` are public suffixes, so `alice.github.io` and `mallory.github.io` are
 * two sites, as browsers treat them. Private suffixes count (they are what separates tenants).
 * IP addresses and single-label hosts (localhost) have no site beyond themselves: undefined.
 */
export function siteOf(hostname: string): string | undefined {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (!h.includes('.')) return undefined;
  const parsed = parse(h, { allowPrivateDomains: true, extractHostname: false });
  return parsed.isIp ? undefined : (parsed.domain ?? undefined);
}

/**
 * Same site: equal hostnames, or the same registrable domain by the Public Suffix List
 * (`www.example.com` and `amp.example.com`; not `victim.co.uk` and `evil.co.uk`).
 */
export function sameSite(a: URL, b: URL): boolean {
  const ha = a.hostname.toLowerCase();
  const hb = b.hostname.toLowerCase();
  if (ha === hb) return true;
  const sa = siteOf(ha);
  return sa !== undefined && sa === siteOf(hb);
}

/** Same site for two URL strings; false when either is not a URL. */
export function sameSiteUrls(a: string, b: string): boolean {
  try {
    return sameSite(new URL(a), new URL(b));
  } catch {
    return false;
  }
}

/** The URL without fragment and tracking parameters, the rest sorted; host lowercased. */
export function normalizeUrl(url: string): string {
  const u = new URL(url);
  u.hash = '';
  u.hostname = u.hostname.toLowerCase();
  // URL drops default ports (":443" for https, ":80" for http) by itself when parsing.
  const kept = [...u.searchParams].filter(([name]) => !isTracking(name));
  // Sort by name, then by value (for repeated names), so `?b=1&a=2` and `?a=2&b=1` are one page.
  kept.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  u.search = new URLSearchParams(kept).toString();
  return u.href;
}

export function pageKey(doc: Document, url: string): string {
  const page = new URL(url);
  const candidates = [
    doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url" i][content], meta[name="og:url" i][content]')?.getAttribute('content'),
  ];
  for (const href of candidates) {
    if (!href) continue;
    const resolved = resolveHttpUrl(href, page.href);
    if (resolved && sameSite(new URL(resolved), page)) return normalizeUrl(resolved);
  }
  return normalizeUrl(page.href);
}
