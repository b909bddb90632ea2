import { isErrorResponse, type Annotation, type AnnotationPatch } from '@/src/messages';
import { UI_CSS } from '../content/ui-style';
import { ask } from '../content/messaging';
import { h } from '../content/dom';
import { buildCard, type CardActions } from './card';
import { readCardAddress, type CardFrameMessage } from './address';

/**
 * The highlight card, in a frame of the extension's own origin inside the page (issue #16): the
 * note being read or written is in this document, not the page's, so the page's key and input
 * listeners, `window.find`, its selection and copy events see none of it. The frame reads and
 * writes through the background as an extension page; the content script repaints on the
 * background's broadcast after each write.
 *
 * To the content script it says only how tall it is and when the reader closes it, over a
 * MessageChannel port the content script hands it (not through the page's window).
 */
const { id, pageKey, editing, token } = readCardAddress(location.hash);
let port: MessagePort | undefined;
const tell = (m: CardFrameMessage) => port?.postMessage(m);

addEventListener('message', (e: MessageEvent) => {
  const data = e.data as { type?: string; token?: string } | null;
  // Only the content script knows the token (it is in our address, which the page cannot read).
  if (port || data?.type !== 'clearmark/card-port' || !token || data.token !== token || !e.ports[0]) return;
  port = e.ports[0];
  tellHeight();
});

const style = document.createElement('style');
style.textContent = `${UI_CSS}
:root { color-scheme: light dark; }
html, body { margin: 0; background: transparent; overflow: hidden; }
.cm-box.cm-card { position: static; box-shadow: none; border: 0; border-radius: 0; width: auto; }
.cm-card button:not(.swatch) { border: 1px solid #b8b8c0; background: rgb(127 127 127 / .08); }
`;
document.head.append(style);

const tellHeight = () => tell({ type: 'height', height: Math.ceil(document.documentElement.getBoundingClientRect().height) });
new ResizeObserver(tellHeight).observe(document.body);

let alertEl: HTMLElement | undefined;
/** Shows a failure in the card (the note being written stays) and tells the content script. */
const outcome = (res: object, failure: string) => {
  if (!isErrorResponse(res)) {
    if (alertEl) alertEl.textContent = '';
    tell({ type: 'outcome' });
    return true;
  }
  const error = `${failure}: ${res.error}`;
  if (alertEl) alertEl.textContent = `Clearmark: ${error}`;
  tell({ type: 'outcome', error });
  return false;
};
const write = async (patch: AnnotationPatch) => outcome(await ask({ type: 'annotation/update', id, patch }), 'The change was not saved');
const actions: CardActions = {
  saveNote: (_id, note) => write({ note }),
  setColour: (_id, colour) => write({ colour }),
  remove: async () => outcome(await ask({ type: 'annotation/delete', id }), 'The highlight was not deleted'),
  restore: async (annotation) => outcome(await ask({ type: 'annotation/restore', annotation }), 'The highlight was not put back'),
};
const host = { hide: () => tell({ type: 'close' }), onAlert: (el: HTMLElement) => (alertEl = el) };

// The frame is the card: Escape closes it wherever the focus is in it (the card's own
// handler covers its box; this, the rest of the frame).
addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && e.isTrusted && !document.querySelector('.cm-card')?.contains(e.target as Node)) host.hide();
});

async function show() {
  const res = await ask({ type: 'annotations/forPage', pageKey });
  const a: Annotation | undefined = isErrorResponse(res) ? undefined : res.annotations.find((x) => x.id === id);
  if (!a) {
    const box = h('div', { class: 'cm-box cm-card', role: 'alert' }, h('div', { class: 'cm-status' }, isErrorResponse(res) ? `Clearmark: ${res.error}` : 'This highlight no longer exists.'));
    document.body.replaceChildren(box);
    return;
  }
  const quote = a.selectors.flatMap((s) => (s.type === 'TextQuoteSelector' && 'exact' in s ? [s.exact] : []))[0] ?? '';
  const box = buildCard(a, quote.replace(/\s+/g, ' ').trim(), editing, actions, host);
  document.body.replaceChildren(box);
  // A dialog takes focus, so the card works from the keyboard (Tab through it, Escape closes).
  box.querySelector<HTMLElement>('textarea:not([hidden]), button:not([hidden])')?.focus();
}
void show();
