import type { Annotation, PageInfo } from '../messages';

/*
 * A large import arrives in parts: a browser refuses one message over 64 MiB (Chromium's limit
 * for extension messages), though a library's own export can be bigger. Each part is validated
 * on arrival like any message and kept here, in memory, under the import's id; the last message
 * (`annotations/import` with that id) brings the rest and commits everything in one IndexedDB
 * transaction. So a large import is still all or nothing: if a part is refused, or the popup
 * is closed before the last message, nothing was written, and the parts are dropped.
 */

/** The most annotations (and pages) one import may hold, all parts together (as for one message). */
export const MAX_IMPORT_RECORDS = 200_000;
/** Parts not committed within this long are dropped (the popup was closed mid-way). */
export const STAGED_TTL_MS = 10 * 60_000;
/** At most this many imports staged at once; a new one drops the oldest. */
const MAX_STAGED_IMPORTS = 4;

interface Staged {
  annotations: Annotation[];
  pages: PageInfo[];
  touched: number;
}

export class ImportStaging {
  private readonly staged = new Map<string, Staged>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps one part; returns how many annotations the import holds so far, or an error. */
  add(importId: string, annotations: Annotation[], pages: PageInfo[]): { staged: number } | { error: string } {
    this.expire();
    let s = this.staged.get(importId);
    if (!s) {
      if (this.staged.size >= MAX_STAGED_IMPORTS) this.staged.delete(this.staged.keys().next().value!);
      s = { annotations: [], pages: [], touched: this.now() };
      this.staged.set(importId, s);
    }
    if (s.annotations.length + annotations.length > MAX_IMPORT_RECORDS || s.pages.length + pages.length > MAX_IMPORT_RECORDS) {
      this.staged.delete(importId);
      return { error: `An import holds at most ${MAX_IMPORT_RECORDS.toLocaleString('en')} annotations.` };
    }
    for (const a of annotations) s.annotations.push(a);
    for (const p of pages) s.pages.push(p);
    s.touched = this.now();
    return { staged: s.annotations.length };
  }

  /** The parts of an import with the last message's records appended; the staging is dropped. */
  take(importId: string, annotations: Annotation[], pages: PageInfo[]): { annotations: Annotation[]; pages: PageInfo[] } | { error: string } {
    this.expire();
    const s = this.staged.get(importId);
    this.staged.delete(importId);
    if (!s) return { error: 'The first parts of this import were lost (the browser restarted Clearmark mid-way, or it took too long). Nothing was imported; please import the file again.' };
    if (s.annotations.length + annotations.length > MAX_IMPORT_RECORDS) return { error: `An import holds at most ${MAX_IMPORT_RECORDS.toLocaleString('en')} annotations.` };
    return { annotations: s.annotations.concat(annotations), pages: s.pages.concat(pages) };
  }

  private expire() {
    const cutoff = this.now() - STAGED_TTL_MS;
    for (const [id, s] of this.staged) if (s.touched < cutoff) this.staged.delete(id);
  }
}
