import { COLOURS, type Annotation, type Colour } from '@/src/messages';
import { renderNote } from '@/src/notes';
import { h, refuseUntrusted } from '../content/dom';

/** The card's writes; each resolves false when nothing was saved (the card then stays as it was). */
export interface CardActions {
  saveNote(id: string, note: string): Promise<boolean>;
  setColour(id: string, colour: Colour): Promise<boolean>;
  /** Resolves true when it was deleted (the card then offers Undo). */
  remove(id: string): Promise<boolean>;
  /** Puts a deleted annotation back as it was (Undo). */
  restore(annotation: Annotation): Promise<boolean>;
}

/** What the card needs from the frame that shows it. */
export interface CardHost {
  hide(): void;
  /** Where errors go while this card is open. */
  onAlert(el: HTMLElement): void;
}

/**
 * The highlight card: the quote, the note (rendered, or in its editor), colour, Copy quote,
 * Delete. Kept apart from the selection toolbar: it is the part that carries the reader's note.
 */
export function buildCard(a: Annotation, quote: string, editing: boolean, actions: CardActions, host: CardHost): HTMLElement {
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
      const hadFocus = box.contains(document.activeElement);
      showView();
      // The editor goes away: keep the keyboard in the card, on "Edit note".
      if (hadFocus) edit.focus();
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
