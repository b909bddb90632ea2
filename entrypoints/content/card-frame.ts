import { newAnnotationId } from '@/src/messages';
import { cardHash, type CardAddress, type CardFrameMessage } from '../card-frame/address';

/**
 * The iframe that shows a highlight's card (entrypoints/card-frame). Its address carries the
 * annotation's id and page key only; the note stays in the frame's own (extension) document.
 *
 * The frame talks back over a MessageChannel port handed to it once it has loaded, not by
 * posting to the page's window, where the page's own `message` listeners would hear it.
 * It says only its height, that the reader closed it, and whether a write failed.
 */
export interface CardFrameHost {
  close(): void;
  /** A write from the card failed (`error`) or succeeded. */
  outcome(error?: string): void;
}

export function openCardFrame(address: Omit<CardAddress, 'token'>, host: CardFrameHost): HTMLIFrameElement {
  const token = newAnnotationId(); // any fresh random string; randomUUID is missing on http pages
  const src = browser.runtime.getURL('/card-frame.html') + cardHash({ ...address, token });
  const frame = document.createElement('iframe');
  frame.className = 'cm-box cm-frame';
  frame.title = 'Clearmark highlight';
  // Copy quote writes to the clipboard from inside the frame.
  frame.allow = 'clipboard-write';
  frame.src = src;
  const hear = (e: MessageEvent<CardFrameMessage>) => {
    const m = e.data;
    if (m?.type === 'height' && Number.isFinite(m.height)) frame.style.height = `${Math.min(Math.max(m.height, 40), 2000)}px`;
    else if (m?.type === 'outcome') host.outcome(typeof m.error === 'string' ? m.error.slice(0, 2000) : undefined);
    else if (m?.type === 'close') {
      host.close();
      // Focus goes back to the page, where the reader was.
      window.focus();
    }
  };
  // Which origin the frame's document ends up with: Chrome loads the per-session address
  // (use_dynamic_url) but redirects it to the extension's fixed origin; Firefox keeps the address's.
  // A port is offered to each, addressed so that only a document of that origin receives it.
  const origins = new Set([new URL(src).origin, new URL(extensionOrigin()).origin]);
  frame.addEventListener(
    'load',
    () => {
      for (const origin of origins) {
        const channel = new MessageChannel();
        channel.port1.onmessage = hear;
        frame.contentWindow?.postMessage({ type: 'clearmark/card-port', token }, origin, [channel.port2]);
      }
    },
    { once: true },
  );
  return frame;
}

/** The extension's fixed origin (Chrome's extension id; Firefox's per-install address). */
function extensionOrigin(): string {
  return import.meta.env.BROWSER === 'firefox' ? browser.runtime.getURL('/') : `chrome-extension://${browser.runtime.id}/`;
}
