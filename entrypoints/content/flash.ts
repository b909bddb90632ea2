/** Scrolls a passage into view and flashes it briefly, so the reader sees where they landed. */
export function flash(range: Range) {
  const target = range.startContainer.parentElement;
  target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const registry = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  const HighlightCtor = (globalThis as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightCtor) return;
  registry.set('clearmark-flash', new HighlightCtor(range));
  setTimeout(() => registry.delete('clearmark-flash'), 1600);
}
