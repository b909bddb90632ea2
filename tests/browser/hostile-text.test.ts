/**
 * Issue #7 — hostile text in the real popup and review page. Every string of the Big List of
 * Naughty Strings plus XSS payloads is stored (through the background, as the content script
 * would) as a page title, a quote, a note and a tag. The popup pages through all of them and the
 * review page finds a sample through the search box: each title, quote and tag reads literally,
 * no script, frame, image or event handler appears, no dialog opens and no payload runs.
 * A demo article whose <title> is a payload is shown under "This page" as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, actionTitleFor, demoArticleWith, launch, openExtensionPage, sendFromExtension, serveFixtures, waitFor, type ExtensionBrowser } from './support/extension';
import { openPopup, tabIdFor } from './support/popup';

import { BLNS, XSS as PAYLOADS } from '../fixtures/hostile/strings';

const XSS = [
  ...PAYLOADS,
  // Payloads that would leave a visible trace if they ran.
  '<img src=x onerror="document.title=\'PWNED\'">',
  '<script>document.title="PWNED"</script>',
];

/** Cuts to `n` UTF-16 units without leaving half a surrogate pair. */
const cut = (s: string, n: number) => {
  const r = s.slice(0, n);
  return /[\uD800-\uDBFF]$/.test(r) ? r.slice(0, -1) : r;
};
// Strings that are only whitespace cannot be a quote (exact is min(1) and would be invisible).
const STRINGS = [...new Set([...BLNS, ...XSS])].filter((s) => s.trim() !== '');
const KEY = 'https://hostile.example/story/';
const marker = (i: number) => `cmk${i}q`;

interface Seed {
  i: number;
  key: string;
  title: string;
  quote: string;
  note: string;
  tags: string[];
}
const SEEDS: Seed[] = STRINGS.map((s, i) => {
  const tag = cut(s, 100);
  return { i, key: `${KEY}${i}`, title: cut(s, 1_000), quote: s, note: s, tags: [...(tag.trim() ? [tag] : []), marker(i)] };
});
// Every 18th string, plus all payloads that would run: searched for in the review page.
const SAMPLE = [...SEEDS.filter((s) => s.i % 18 === 0).slice(0, 25), ...SEEDS.slice(-XSS.length).filter((s) => /onerror|script|onload|iframe/.test(s.quote)).slice(0, 5)];

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

type Rendered = { key: string; title: string; quotes: string[]; tags: string[] };

/** What the list shows, group by group, and anything dangerous in the whole document. */
function inspect(page: Page): Promise<{ groups: Rendered[]; bad: string[]; pwned: unknown; title: string }> {
  return page.evaluate(() => {
    const groups = [...document.querySelectorAll<HTMLElement>('section.all section.page')].map((s) => ({
      key: s.dataset.key ?? '',
      title: s.querySelector('h3')!.textContent ?? '',
      quotes: [...s.querySelectorAll('li.annotation .quote span:last-child')].map((q) => q.textContent ?? ''),
      tags: [...s.querySelectorAll('ul.tags > li > span')].map((t) => t.textContent ?? ''),
    }));
    const app = document.getElementById('app')!;
    const bad = [
      ...app.querySelectorAll('script, iframe, frame, img, svg, math, object, embed, style, form, base, meta, link, details, video, audio, source, template'),
      // The page's only own script is the module in <body> (popup/review main.ts).
      ...[...document.querySelectorAll('script')].filter((s) => !s.src || !s.src.startsWith(location.origin)),
      ...[...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name) || /^(srcdoc|formaction)$/i.test(a.name))),
      ...[...document.querySelectorAll('[href]')].filter((e) => !/^(https?:|mailto:|moz-extension:|chrome-extension:|blob:|\.\/|\/(?!\/))/i.test(e.getAttribute('href')!.trim())),
    ].map((e) => e.outerHTML.slice(0, 200));
    const w = window as unknown as { __pwned?: unknown };
    return { groups, bad, pwned: w.__pwned, title: document.title };
  });
}

/** Mismatches between a rendered group and what was stored for it. */
function check(g: Rendered, seed: Seed | undefined): string[] {
  if (!seed) return [`unexpected group ${g.key}`];
  const out: string[] = [];
  const want = { title: seed.title || seed.key, quotes: [seed.quote], tags: seed.tags };
  if (norm(g.title) !== norm(want.title)) out.push(`#${seed.i} title ${JSON.stringify(g.title)} ≠ ${JSON.stringify(want.title)}`);
  if (JSON.stringify(g.quotes.map(norm)) !== JSON.stringify(want.quotes.map(norm))) out.push(`#${seed.i} quote ${JSON.stringify(g.quotes)} ≠ ${JSON.stringify(want.quotes)}`);
  if (JSON.stringify(g.tags.map(norm)) !== JSON.stringify(want.tags.map(norm))) out.push(`#${seed.i} tags ${JSON.stringify(g.tags)} ≠ ${JSON.stringify(want.tags)}`);
  return out;
}

describe.each(BROWSERS)('%s: hostile text in the popup', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  let dialogs = 0;
  const pages: Page[] = [];
  const watch = (p: Page) => {
    p.on('dialog', (d) => {
      dialogs++;
      void d.dismiss().catch(() => {});
    });
    pages.push(p);
    return p;
  };
  const bySeedKey = new Map(SEEDS.map((s) => [s.key, s]));
  const TITLE_PAYLOAD = '<img src=x onerror=window.__pwned=1><script>document.title="PWNED"</script> & "quoted"';
  const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const HEADLINE = 'Valley towns agree shared flood warning line after record spring floods';
  const Q1 = 'Seven towns along the Ostra river agreed on Thursday';

  beforeAll(async () => {
    const routes = new Map<string, () => string>([
      // The headline everywhere the content script may read the title from: <title>, og:title, JSON-LD, <h1>.
      [
        '/hostile-article.html',
        () =>
          demoArticleWith('')
            .replace(/"headline": "[^"]*"/, `"headline": ${JSON.stringify(TITLE_PAYLOAD).replace(/</g, '\\u003c')}`)
            .replaceAll(HEADLINE, escapeHtml(TITLE_PAYLOAD)),
      ],
    ]);
    server = await serveFixtures(routes);
    ext = await launch(name);
    probe = watch(await openExtensionPage(ext, 'options.html'));
    // All through the background, as the content script writes; one round trip from Node.
    const errors = await probe.evaluate(async (seeds, colours) => {
      const errs: string[] = [];
      for (const s of seeds) {
        const res = (await browser.runtime.sendMessage({
          type: 'annotation/create',
          page: { key: s.key, url: s.key, title: s.title },
          annotation: {
            pageKey: s.key,
            colour: colours[s.i % colours.length],
            selectors: [{ type: 'TextQuoteSelector', exact: s.quote, prefix: '', suffix: '' }],
            note: s.note,
            tags: s.tags,
          },
        })) as { error?: string };
        if (res?.error) errs.push(`#${s.i}: ${res.error}`);
      }
      return errs;
    }, SEEDS, ['yellow', 'green', 'blue', 'pink', 'purple']);
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it(`popup: pages through all ${SEEDS.length} hostile annotations; every title, quote and tag reads literally; nothing runs`, async () => {
    const popup = watch(await openPopup(ext));
    // "Show more" until the list is complete.
    await popup.evaluate(async () => {
      const more = document.querySelector<HTMLButtonElement>('section.all button.more')!;
      const list = document.querySelector('section.all .groups')!;
      for (let guard = 0; !more.hidden && guard < 500; guard++) {
        const n = list.children.length;
        more.click();
        const end = Date.now() + 5_000;
        while (list.children.length === n && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      }
    });
    await new Promise((r) => setTimeout(r, 300)); // any onerror of a (wrongly) created image would fire by now
    const { groups, bad, pwned, title } = await inspect(popup);
    expect(bad).toEqual([]);
    expect(pwned).toBeUndefined();
    expect(title).toBe('Clearmark');
    expect(dialogs).toBe(0);
    expect(groups.map((g) => g.key).sort()).toEqual(SEEDS.map((s) => s.key).sort());
    expect(groups.flatMap((g) => check(g, bySeedKey.get(g.key)))).toEqual([]);
    // Notes are the reader's Markdown: rendered, but never into anything dangerous (checked above).
    expect(await popup.$$eval('section.all li.annotation .note', (n) => n.length)).toBeGreaterThan(SEEDS.length - 10);
    await popup.close();
  });

  it(`review page: the search box finds ${SAMPLE.length} sampled strings, each shown literally; nothing runs`, async () => {
    const review = watch(await openPopup(ext, undefined, 'review.html'));
    const failures: string[] = [];
    for (const seed of SAMPLE) {
      // The string itself (as one line: a search box drops line breaks) plus the seed's own tag.
      const q = `${marker(seed.i)} ${seed.quote.replace(/[\r\n]+/g, ' ')}`;
      await review.evaluate((q) => {
        const box = document.querySelector<HTMLInputElement>('input[type="search"][aria-label="Search annotations"]')!;
        box.focus();
        box.value = q;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }, q);
      const found = await waitFor(async () => {
        const { groups } = await inspect(review);
        return groups.length === 1 && groups[0]!.key === seed.key;
      }, `the search for #${seed.i} ${JSON.stringify(seed.quote.slice(0, 40))}`, 5_000).then(
        () => true,
        (e: Error) => (failures.push(e.message), false),
      );
      if (!found) continue;
      const { groups, bad, pwned } = await inspect(review);
      failures.push(...check(groups[0]!, seed), ...bad.map((b) => `#${seed.i}: ${b}`));
      if (pwned !== undefined) failures.push(`#${seed.i}: window.__pwned = ${String(pwned)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
    const end = await inspect(review);
    expect(failures).toEqual([]);
    expect(end.pwned).toBeUndefined();
    expect(end.title).not.toBe('PWNED');
    expect(dialogs).toBe(0);
    await review.close();
  });

  it('"This page": a demo article whose <title> is a payload is shown as text', async () => {
    const url = server.url('/hostile-article.html');
    await sendFromExtension(probe, {
      type: 'annotation/create',
      page: { key: url, url, title: 'placeholder' },
      annotation: { pageKey: url, colour: 'yellow', selectors: [{ type: 'TextQuoteSelector', exact: Q1, prefix: '', suffix: '' }], note: TITLE_PAYLOAD, tags: [cut(TITLE_PAYLOAD, 100)] },
    });
    const article = watch(await ext.browser.newPage());
    await article.goto(url);
    await waitFor(async () => /1 highlight/.test(await actionTitleFor(probe, url)), 'the content script to load the highlight');
    const popup = watch(await openPopup(ext, await tabIdFor(probe, url)));
    await waitFor(async () => (await popup.evaluate(() => document.documentElement.dataset.thisPage)) === 'ready', 'this page to render');
    const stored = await sendFromExtension<{ pages: { key: string; title: string }[] }>(probe, { type: 'annotations/all' });
    const title = stored.pages.find((p) => p.key === url)!.title;
    expect(title).toContain(TITLE_PAYLOAD);
    const shown = await popup.$eval('section.this-page p.meta', (e) => e.textContent ?? '');
    expect(shown).toBe(title);
    expect(await popup.$eval('section.this-page .quote span:last-child', (e) => e.textContent)).toBe(Q1);
    expect(await popup.$$eval('section.this-page ul.tags > li > span', (e) => e.map((x) => x.textContent))).toEqual([cut(TITLE_PAYLOAD, 100)]);
    await new Promise((r) => setTimeout(r, 300));
    const { bad, pwned } = await inspect(popup);
    expect(bad).toEqual([]);
    expect(pwned).toBeUndefined();
    expect(await article.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await article.evaluate(() => document.title)).not.toBe('PWNED');
    expect(dialogs).toBe(0);
    console.info(`[hostile] ${name}: ${SEEDS.length} strings seeded (${XSS.length} payloads), ${SAMPLE.length} searched; demo article title stored as ${JSON.stringify(title)}`);
  });
});
