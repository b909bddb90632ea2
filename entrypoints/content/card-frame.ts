import { cardHash, type CardAddress, type CardFrameMessage } from '../card-frame/address';

/**
 * The iframe that shows a highlight's card (entrypoints/card-frame). Its address carries the
 * annotation's id and page key only; the note stays in the frame's own (extension) document.
 *
 * The frame talks back over a MessageChannel port handed to it once it has loaded, not by
 * posting to the page's window, where the page's own `message` listeners would hear it.
 * It says two things: its height, and that the reader closed it.
 */
export function openCardFrame(address: CardAddress, close: () => void): HTMLIFrameElement {
  const src = browser.runtime.getURL('/card-frame.html') + cardHash(address);
  const frame = document.createElement('iframe');
  frame.className = 'cm-box cm-frame';
  frame.title = 'Clearmark highlight';
  // Copy quote writes to the clipboard from inside the frame.
  frame.allow = 'clipboard-write';
  frame.src = src;
  const channel = new MessageChannel();
  channel.port1.onmessage = (e: MessageEvent<CardFrameMessage>) => {
    const m = e.data;
    if (m?.type === 'height' && Number.isFinite(m.height)) frame.style.height = `${Math.min(Math.max(m.height, 40), 2000)}px`;
    else if (m?.type === 'close') {
      close();
      // Focus goes back to the page, where the reader was.
      window.focus();
    }
  };
  frame.addEventListener(
    'load',
    () => frame.contentWindow?.postMessage({ type: 'clearmark/card-port' }, new URL(src).origin, [channel.port2]),
    { once: true },
  );
  return frame;
}
