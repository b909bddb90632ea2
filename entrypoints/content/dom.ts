/** A small element builder for the in-page UI. Text only ever goes in as textContent. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/**
 * Only the reader acts on our UI: a click or key the page synthesised (isTrusted false) is
 * stopped before any of our handlers sees it.
 */
export function refuseUntrusted(el: HTMLElement) {
  for (const type of ['click', 'keydown', 'mousedown', 'input'])
    el.addEventListener(
      type,
      (e) => {
        if (!e.isTrusted) e.stopImmediatePropagation();
      },
      { capture: true },
    );
}
