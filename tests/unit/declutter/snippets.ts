import { HIDDEN_ATTR, readingText, startDeclutter, type DeclutterController, type DeclutterOptions } from '../../../src/declutter';
import { norm } from './helpers';

let previous: DeclutterController | null = null;

/**
 * Put `html` in the test document's body, declutter it, and give back what the tests look at.
 * The previous snippet's controller is undone first: a controller left running keeps its share
 * of the stylesheet (as it should on a real page), which would leak into the next snippet.
 */
export function run(html: string, options: DeclutterOptions = {}) {
  previous?.undo();
  document.head.innerHTML = '';
  document.body.innerHTML = html;
  const before = document.documentElement.outerHTML;
  const c: DeclutterController = startDeclutter(document, options);
  previous = c;
  return {
    c,
    before,
    text: () => norm(readingText(document.body)),
    marked: (kind?: string) =>
      Array.from(document.querySelectorAll(`[${HIDDEN_ATTR}]`)).filter((e) => !kind || e.getAttribute(HIDDEN_ATTR) === kind),
    markedText: (kind?: string) =>
      Array.from(document.querySelectorAll(`[${HIDDEN_ATTR}]`))
        .filter((e) => !kind || e.getAttribute(HIDDEN_ATTR) === kind)
        .map((e) => norm(e.textContent ?? '')),
    $: (sel: string) => document.querySelector(sel)!,
  };
}

/** An article paragraph wrapper, so snippets sit in a realistic place. */
export const article = (inner: string) => `<main><article><h1>Harbour news</h1>${inner}</article></main>`;
