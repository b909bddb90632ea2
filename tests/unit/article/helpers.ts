/** Small DOM builders for the article unit tests. */

const SENTENCES = [
  'The council voted late on Tuesday to approve the new ferry timetable after a hearing that ran for six hours.',
  'Residents of the east shore had asked for earlier morning crossings, saying the current schedule made commuting impossible.',
  'The port authority said the change would cost about four million dollars a year, paid for by a small increase in fares.',
  'Critics argued that the increase would fall hardest on workers who have no other way to reach the city center.',
  'Officials promised to review the numbers after six months and to publish ridership data every quarter.',
  'A group of fishermen also raised concerns about wake damage to the oyster beds near the northern channel.',
  'The mayor, who had stayed neutral during the debate, said afterwards that she would sign the measure this week.',
  'Independent transport experts described the plan as sensible but warned that the ferries themselves are ageing.',
  'Two of the four vessels in the fleet are more than forty years old and spent a combined ninety days in repair last year.',
  'The authority has applied for federal funds to replace them, but a decision is not expected before next spring.',
];

/** `n` distinct paragraphs of running text. */
export function paragraphs(n: number, offset = 0): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const a = SENTENCES[(i + offset) % SENTENCES.length];
    const b = SENTENCES[(i + offset + 3) % SENTENCES.length];
    out += `<p>${a} ${b}</p>\n`;
  }
  return out;
}

export const NAV = `<header><nav><ul>${['News', 'Politics', 'Business', 'Climate', 'Culture', 'Sport']
  .map((s) => `<li><a href="/${s.toLowerCase()}/">${s}</a></li>`)
  .join('')}</ul></nav></header>`;

export const FOOTER = `<footer><ul><li><a href="/about">About</a></li><li><a href="/privacy">Privacy</a></li></ul><p>© 2024 The Daily Harbor. All rights reserved.</p></footer>`;

/** A teaser card: linked heading and a one-line summary. */
export function teaser(i: number, tag = 'article'): string {
  return `<${tag} class="card"><h3><a href="/news/2024/05/story-${i}">Story number ${i} about the harbor</a></h3><p>${SENTENCES[i % SENTENCES.length]}</p></${tag}>`;
}

export function teasers(n: number, tag = 'article'): string {
  return Array.from({ length: n }, (_, i) => teaser(i, tag)).join('\n');
}

export function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** A complete page: head extras, body. */
export function page(head: string, body: string): Document {
  return parse(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test page</title>${head}</head><body>${NAV}${body}${FOOTER}</body></html>`);
}

export function jsonLd(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
}

export const ARTICLE_URL = 'https://www.dailyharbor.example/news/2024/05/16/ferry-timetable-approved';
