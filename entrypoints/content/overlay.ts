import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { COLOURS, type Annotation, type Colour } from '@/src/messages';
import { renderNote } from '@/src/notes';
import { h } from './dom';
import { UI_CSS } from './ui-style';

export interface OverlayActions {
  highlight(colour: Colour, withNote: boolean): void;
  saveNote(id: string, note: string): Promise<boolean>;
  /** Resolves false when the change was not saved. */
  setColour(id: string, colour: Colour): Promise<boolean>;
  remove(id: string): void;
}

export interface Overlay {
  showToolbar(rect: DOMRect): void;
  showCard(annotation: Annotation, quote: string, rect: DOMRect, editing?: boolean): void;
  /**
   * A short message at the top of the page; `tone: 'info'` for guidance, not failure. An error
   * while a highlight's card is open goes into the card instead, so a note being written stays.
   */
  showError(message: string, tone?: 'error' | 'info'): void;
  hide(): void;
  /** Whether a node is our UI (the shadow host or inside it), not the page's. */
  contains(node: Node | null): boolean;
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);
/** The browser command's default key (wxt.config.ts). */
const HIGHLIGHT_KEY = 'Alt+Shift+H';

/**
 * The selection toolbar and the highlight card, in one closed shadow root (WXT
 * createShadowRootUi): page CSS cannot restyle it and page scripts cannot read the note being
 * edited. Created on first use, so pages where the reader never selects text pay nothing.
 */
export async function createOverlay(ctx: ContentScriptContext, actions: OverlayActions): Promise<Overlay> {
  let root!: HTMLElement;
  const ui = await createShadowRootUi(ctx, {
    name: 'clearmark-ui',
    mode: 'closed',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: UI_CSS,
    isolateEvents: true,
    onMount(container) {
      root = container;
    },
  });
  ui.mount();
  const host = ui.shadowHost;
  // The host sits at the document's top-left; boxes inside are placed in page coordinates.
  host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;overflow:visible;z-index:2147483647;';
  let lastColour: Colour = 'yellow';
  // Where errors go while a card is open (see showError).
  let cardAlert: HTMLElement | undefined;

  /**
   * Puts `box` just below `rect` (viewport coordinates), or above it when there is no room
   * below, kept inside the window. The box's containing block is not known: WXT's
   * `:host{all:initial !important}` overrides the host's inline position, so the box is placed
   * against whatever ancestor is positioned (a `body{position:relative}` page moves it). So we
   * put it at 0,0, measure where that is, and offset from there.
   */
  const place = (box: HTMLElement, rect: DOMRect) => {
    box.style.visibility = 'hidden';
    box.style.top = box.style.left = '0px';
    root.replaceChildren(box);
    const origin = box.getBoundingClientRect();
    const viewW = document.documentElement.clientWidth;
    const viewH = window.innerHeight;
    const gap = 8;
    const below = rect.bottom + gap;
    const above = rect.top - gap - origin.height;
    const top = below + origin.height > viewH - gap && above >= gap ? above : below;
    const left = Math.max(gap, Math.min(rect.left, viewW - origin.width - gap));
    box.style.top = `${top - origin.top}px`;
    box.style.left = `${left - origin.left}px`;
    box.style.visibility = '';
  };
  // Keep the page's selection while the reader clicks our buttons.
  const keepSelection = (el: HTMLElement) => el.addEventListener('mousedown', (e) => e.preventDefault());

  function toolbar(): HTMLElement {
    const bar = h('div', { class: 'cm-box cm-toolbar', role: 'toolbar', 'aria-label': 'Clearmark' });
    const main = h('button', { type: 'button', 'aria-label': 'Highlight', title: 'Highlight (Alt+Shift+H)' }, 'Highlight');
    main.addEventListener('click', () => actions.highlight(lastColour, false));
    bar.append(main);
    for (const colour of COLOURS) {
      const b = h('button', { type: 'button', class: `swatch ${colour}`, 'aria-label': `Highlight ${colour}`, title: capital(colour) });
      b.addEventListener('click', () => {
        lastColour = colour;
        actions.highlight(colour, false);
      });
      bar.append(b);
    }
    const note = h('button', { type: 'button', 'aria-label': 'Add note' }, 'Note');
    note.addEventListener('click', () => actions.highlight(lastColour, true));
    // The ways in that are not this toolbar, said where the reader looks.
    const hint = h('span', { class: 'cm-hint', 'aria-hidden': 'true' }, `${HIGHLIGHT_KEY} · right-click menu`);
    bar.append(note, hint);
    // Arrow keys move between buttons, as in any toolbar.
    bar.addEventListener('keydown', (e) => {
      const buttons = [...bar.querySelectorAll('button')];
      const i = buttons.indexOf(e.target as HTMLButtonElement);
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length].focus();
        e.preventDefault();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        overlay.hide();
      }
    });
    keepSelection(bar);
    return bar;
  }

  function card(a: Annotation, quote: string, editing: boolean): HTMLElement {
    const box = h('div', { class: 'cm-box cm-card', role: 'dialog', 'aria-label': 'Highlight' });
    const status = h('div', { class: 'cm-status', role: 'status' });
    const alert = h('div', { class: 'cm-status', role: 'alert' });
    const noteView = h('div', { class: 'note' });
    const editor = h('textarea', { 'aria-label': 'Note', placeholder: 'Write a note (Markdown)…' }) as HTMLTextAreaElement;
    editor.value = a.note;
    const save = h('button', { type: 'button' }, 'Save note');
    const edit = h('button', { type: 'button' }, a.note ? 'Edit note' : 'Add note');
    const showView = () => {
      noteView.replaceChildren(renderNote(a.note));
      noteView.hidden = !a.note;
      editor.hidden = save.hidden = true;
      edit.hidden = false;
      edit.textContent = a.note ? 'Edit note' : 'Add note';
    };
    const showEditor = () => {
      noteView.hidden = edit.hidden = true;
      editor.hidden = save.hidden = false;
      editor.focus();
    };
    edit.addEventListener('click', showEditor);
    save.addEventListener('click', async () => {
      // On failure the editor stays open with the text, for the reader to save again.
      if (await actions.saveNote(a.id, editor.value)) {
        a = { ...a, note: editor.value };
        alert.textContent = '';
        showView();
      }
    });
    editor.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save.click();
    });
    const colours = h('div', { class: 'cm-row', role: 'group', 'aria-label': 'Colour' });
    for (const colour of COLOURS) {
      const b = h('button', { type: 'button', class: `swatch ${colour}`, 'aria-label': `Colour ${colour}`, 'aria-pressed': String(colour === a.colour) });
      b.addEventListener('click', async () => {
        if (!(await actions.setColour(a.id, colour))) return;
        a = { ...a, colour };
        alert.textContent = '';
        for (const other of colours.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other === b));
      });
      colours.append(b);
    }
    const copy = h('button', { type: 'button' }, 'Copy quote');
    copy.addEventListener('click', async () => {
      await navigator.clipboard.writeText(quote).then(
        () => (status.textContent = ''),
        () => (status.textContent = 'Could not copy: the browser refused clipboard access.'),
      );
    });
    const del = h('button', { type: 'button' }, 'Delete');
    del.addEventListener('click', () => actions.remove(a.id));
    const close = h('button', { type: 'button', 'aria-label': 'Close' }, '×');
    close.addEventListener('click', () => overlay.hide());
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') overlay.hide();
    });
    box.append(h('blockquote', { class: 'quote' }, quote), noteView, editor, h('div', { class: 'cm-row' }, edit, save), colours, h('div', { class: 'cm-row' }, copy, del, close), status, alert);
    cardAlert = alert;
    if (editing) showEditor();
    else showView();
    return box;
  }

  /**
   * Keyboard path into the toolbar: while it is open, Tab (from the page, not a form field)
   * moves focus to its first button; Escape there closes it and puts focus back where it was.
   */
  let returnFocus: Element | null = null;
  let stopTabbing: (() => void) | undefined;
  const offerKeyboardEntry = (bar: HTMLElement) => {
    stopTabbing?.();
    const onKey = (e: KeyboardEvent) => {
      if (!e.isTrusted || !bar.isConnected) return;
      const active = document.activeElement;
      if (e.key === 'Escape' && !contains(active)) return overlay.hide();
      if (e.key !== 'Tab' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
      if (active && active !== document.body && (active as HTMLElement).isContentEditable) return;
      if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement) return;
      if (contains(active)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      returnFocus = active;
      // Focus moving into the shadow root can drop the page's selection (Firefox): put it back.
      const selection = getSelection();
      const range = selection && selection.rangeCount ? selection.getRangeAt(0).cloneRange() : undefined;
      bar.querySelector('button')?.focus();
      if (range && selection && (selection.rangeCount === 0 || selection.toString() !== range.toString())) {
        selection.removeAllRanges();
        selection.addRange(range);
      }
    };
    window.addEventListener('keydown', onKey, true);
    stopTabbing = () => {
      window.removeEventListener('keydown', onKey, true);
      stopTabbing = undefined;
    };
  };
  const contains = (node: Node | null) => !!node && (node === host || host.contains(node));

  const overlay: Overlay = {
    showToolbar(rect) {
      const bar = toolbar();
      place(bar, rect);
      offerKeyboardEntry(bar);
    },
    showCard(a, quote, rect, editing = false) {
      const box = card(a, quote, editing);
      place(box, rect);
      // A dialog takes focus, so the card works from the keyboard (Tab through it, Escape closes).
      box.querySelector<HTMLElement>('textarea:not([hidden]), button:not([hidden])')?.focus();
    },
    showError(message, tone = 'error') {
      if (tone === 'error' && cardAlert?.isConnected) {
        cardAlert.textContent = message;
        return;
      }
      const box = h('div', { class: 'cm-box cm-card', role: tone === 'error' ? 'alert' : 'status' }, h('div', { class: tone === 'error' ? 'cm-status' : 'cm-info' }, message));
      place(box, new DOMRect(window.innerWidth / 2 - 160, 8, 0, 0));
      setTimeout(() => box.isConnected && overlay.hide(), 8000);
    },
    hide() {
      const hadFocus = contains(document.activeElement);
      stopTabbing?.();
      root.replaceChildren();
      // Back to where the reader was before entering our UI (not the page's <body>).
      if (hadFocus && returnFocus instanceof HTMLElement && returnFocus.isConnected && returnFocus !== document.body) returnFocus.focus();
      else if (hadFocus) host.blur();
      returnFocus = null;
    },
    contains,
  };
  return overlay;
}
