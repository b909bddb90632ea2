/**
 * What the content script puts in the card frame's address: the annotation's id and its page
 * key (the page's own address, nothing the page does not know), and whether to open the editor.
 * Never the note: the frame reads that from the background.
 */
export interface CardAddress {
  id: string;
  pageKey: string;
  editing: boolean;
  /**
   * A random token the frame expects with the port the content script hands it. The port
   * arrives through the frame's window, which the page can reach too (`window.frames`); the
   * page cannot read the frame's address (cross-origin, in a closed shadow root), so it cannot
   * send the token and slip in a port of its own.
   */
  token: string;
}

export function cardHash(a: CardAddress): string {
  return `#${new URLSearchParams({ id: a.id, page: a.pageKey, edit: a.editing ? '1' : '', t: a.token }).toString()}`;
}

export function readCardAddress(hash: string): CardAddress {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  return { id: p.get('id') ?? '', pageKey: p.get('page') ?? '', editing: p.get('edit') === '1', token: p.get('t') ?? '' };
}

/**
 * What the frame tells the content script, over the port it was given: its height, that the
 * reader closed it, and whether a write failed (the background's message, for the toolbar
 * button's title, as for any other failed write) or succeeded. Never the note.
 */
export type CardFrameMessage = { type: 'height'; height: number } | { type: 'close' } | { type: 'outcome'; error?: string };
