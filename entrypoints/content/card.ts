import { COLOURS, type Annotation } from '@/src/messages';
import { renderNote } from '@/src/notes';
import { h } from './dom';
import type { OverlayActions } from './overlay';

/** What the card needs from the overlay that shows it. */
export interface CardHost {
  hide(): void;
  /** Where errors go while this card is open (see Overlay.showError). */
  onAlert(el: HTMLElement): void;
}

/**
 * The highlight card: the quote, the note (rendered, or in its editor), colour, Copy quote,
 * Delete. Kept apart from the selection toolbar: it is the part that carries the reader's note.
 */
export function buildCard(a: Annotation, quote: string, editing: boolean, actions: OverlayActions, host: CardHost): HTMLElement {
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
  const saveNote = async () => {
    // On failure the editor stays open with the text, for the reader to save again.
    if (await actions.saveNote(a.id, editor.value)) {
      a = { ...a, note: editor.value };
      alert.textContent = '';
      showView();
    }
  };
  save.addEventListener('click', () => void saveNote());
  editor.addEventListener('keydown', (e) => {
    // Not save.click(): a click we synthesise is untrusted, and refused like the page's.
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void saveNote();
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
  // A delete can be undone from the card: a click the page tricked the reader into (a covering
  // layer that lets clicks through) costs nothing.
  del.addEventListener('click', async () => {
    if (!(await actions.remove(a.id))) return;
    const undo = h('button', { type: 'button' }, 'Undo');
    const done = h('div', { class: 'cm-row', role: 'status' }, 'Highlight deleted.', undo);
    undo.addEventListener('click', async () => {
      if (await actions.restore(a)) host.hide();
    });
    box.replaceChildren(done, alert);
    undo.focus();
  });
  const close = h('button', { type: 'button', 'aria-label': 'Close' }, '×');
  close.addEventListener('click', () => host.hide());
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') host.hide();
  });
  box.append(h('blockquote', { class: 'quote' }, quote), noteView, editor, h('div', { class: 'cm-row' }, edit, save), colours, h('div', { class: 'cm-row' }, copy, del, close), status, alert);
  refuseUntrusted(box);
  host.onAlert(alert);
  if (editing) showEditor();
  else showView();
  return box;
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
