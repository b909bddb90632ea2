import { hasIconClass, hideKeepingName } from './common';
import { inUntouchableText, isStructural, textOf } from '../text-util';
import type { Detector, ScanContext } from './types';

/**
 * "icon xxx" text: sprite titles that leak as text ("icon bookmark-bicon bookmarkicon camera",
 * glued because the titles sit side by side) and icon components that render their name as a
 * label. Only the run is hidden; a sentence around it stays.
 *
 * A run is accepted only when it cannot be prose:
 *  - two or more tokens glued together ("…-bicon bookmark"), or making up a whole text node;
 *  - one token glued to the next word ("icon cameraWorkers…");
 *  - one token that is a whole text node of an icon element, or code-like ("icon v-compress").
 * "an icon of the city" fails every test (and "of" is a stop word) and stays.
 */

const CANDIDATE = /icon[ -][a-z0-9][a-z0-9_ -]*/g;
const WORD = /^[a-z0-9][a-z0-9_-]{0,23}$/;
const STOP = new Set(
  'a an the of for to in on at by as is are was were be been and or but with from that this these those which who its it their his her our your my than then so if not no into over under about after before during since until while when where how what'.split(' '),
);

interface Run {
  start: number;
  end: number;
  tokens: string[][];
  glued: boolean;
}

/** Split a candidate into icon tokens; null when any token does not look like an icon name. */
function parseRun(s: string, start: number): Run | null {
  const bounds = [0];
  let glued = false;
  for (let i = s.indexOf('icon', 1); i > 0; i = s.indexOf('icon', i + 1)) {
    if (!/[ -]/.test(s[i + 4] ?? '')) continue;
    const prev = s[i - 1];
    if (/[a-z0-9]/.test(prev)) glued = true;
    else if (prev !== ' ') continue;
    bounds.push(i);
  }
  const tokens: string[][] = [];
  let end = start;
  for (let k = 0; k < bounds.length; k++) {
    const raw = s.slice(bounds[k], bounds[k + 1] ?? s.length);
    let words = raw.slice(5).trim().split(/ +/).filter(Boolean);
    const last = k === bounds.length - 1;
    // The last token may run into lower-case prose; keep its first word only then.
    if (last && words.length > 3) words = words.slice(0, 1);
    if (words.length < 1 || words.length > 3 || STOP.has(words[0])) return null;
    if (!words.every((w) => WORD.test(w))) return null;
    tokens.push(words);
    if (last) {
      // End right after the last kept word.
      const lastWord = words[words.length - 1];
      end = start + bounds[k] + raw.indexOf(lastWord, 5) + lastWord.length;
    }
  }
  return { start, end, tokens, glued };
}

function codeLike(words: string[]): boolean {
  return words.some((w) => /[-_0-9]/.test(w));
}

function isIconToken(s: string): boolean {
  // (Its own regex: CANDIDATE is global and mid-iteration when this runs.)
  const m = /^icon[ -][a-z0-9][a-z0-9_ -]*$/.exec(s.trim());
  return !!m && !!parseRun(m[0], 0);
}

/** Its sibling elements read "icon …" too: a mirrored sprite. */
function siblingIsIcon(el: Element): boolean {
  for (const sib of [el.previousElementSibling, el.nextElementSibling]) {
    if (sib && isIconToken(sib.textContent ?? '')) return true;
  }
  return false;
}

function accept(run: Run, data: string, parent: Element): boolean {
  const before = data.slice(0, run.start);
  const after = data.slice(run.end);
  const whole = !before.trim() && !after.trim();
  const prefixLetter = /[A-Za-z]$/.test(before);
  if (run.tokens.length >= 2) return run.glued || whole;
  if (prefixLetter) return false;
  if (/^[A-Z0-9]/.test(after)) return true; // "icon cameraWorkers stack…"
  if (!whole) return false;
  return (
    hasIconClass(parent) ||
    (!!parent.parentElement && hasIconClass(parent.parentElement)) ||
    parent.getAttribute('aria-hidden') === 'true' ||
    codeLike(run.tokens[0]) ||
    siblingIsIcon(parent)
  );
}

function hideRun(node: Text, run: Run, ctx: ScanContext): void {
  const parent = node.parentElement!;
  const data = node.data;
  const whole = !data.slice(0, run.start).trim() && !data.slice(run.end).trim();
  const name = run.tokens[run.tokens.length - 1].join(' ').replace(/[-_]/g, ' ');
  // A text node that is all an element shows: hide the element (no wrapper in the page's tree,
  // which frameworks such as React prefer), unless it draws its own icon we should keep.
  if (whole && textOf(parent) === data.trim() && !isStructural(parent) && !ctx.probe.hasOwnGlyph(parent)) {
    hideKeepingName(ctx, parent, () => ctx.hider.mark(parent, 'icon-text'), { fallbackName: name });
    return;
  }
  const start = whole ? 0 : run.start;
  const end = whole ? data.length : run.end;
  hideKeepingName(ctx, parent, () => !!ctx.hider.wrapText(node, start, end, 'icon-text'), { fallbackName: name });
}

export const iconText: Detector = {
  kind: 'icon-text',
  text(node, _text, ctx) {
    const data = node.data;
    if (data.indexOf('icon') < 0) return;
    const parent = node.parentElement;
    if (!parent || inUntouchableText(parent)) return;
    const runs: Run[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(data); m; m = CANDIDATE.exec(data)) {
      const run = parseRun(m[0], m.index);
      if (run && accept(run, data, parent)) runs.push(run);
    }
    // Right to left, so earlier offsets stay valid while we split the text node.
    for (let i = runs.length - 1; i >= 0; i--) {
      if (!node.parentNode) return;
      hideRun(node, runs[i], ctx);
    }
  },
};
