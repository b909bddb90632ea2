import { hideLabel } from './common';
import { hasHint, inUntouchableText } from '../text-util';
import type { Detector } from './types';

/**
 * Audio-player labels: "Listen to this article", "Listen to this story · 5 min". Whole element
 * text only, so "we have to listen to the river" stays. Bare "Listen"/"Play audio" count only in
 * an audio/listen-classed box. We climb to the player row when all it shows is the label plus a
 * duration, so "5 min" goes with it; a row with a real <audio> player keeps the player.
 */
const CORE = String.raw`(listen to (this|the) (article|story|episode|podcast|report|page)|listen to (article|story)|listen to this|hear this (article|story)|listen to the audio version( of this (article|story))?|audio version( of this (article|story))?|play audio|listen now|listen)`;
const CORE_AT_START = new RegExp(`^${CORE}`, 'i');
/** What may surround the label in a player row: durations, "min read", speeds. */
const TAIL_TOKEN = /^(\d+(:\d\d)*|\d+(\.\d+)?(min|mins|minutes|m|sec|secs|seconds|s|x)|min|mins|minutes|sec|secs|seconds|read|listen|listening|time|speed|x)$/;

// Checked token by token rather than with one big regex: nested optional repeats over
// separators backtrack exponentially on long symbol runs.
function isTail(rest: string): boolean {
  for (const tok of rest.toLowerCase().split(/[\s\p{P}\p{S}]+/u)) if (tok && !TAIL_TOKEN.test(tok)) return false;
  return true;
}
function isLabel(t: string): boolean {
  const m = CORE_AT_START.exec(t);
  return !!m && isTail(t.slice(m[0].length));
}
/** A player row: the label with durations/symbols around it ("▶ Listen to this article 4 min"). */
function isRow(t: string): boolean {
  const i = t.search(/listen|hear this|audio version|play audio/i);
  return i >= 0 && isTail(t.slice(0, i)) && isLabel(t.slice(i));
}
const NEEDS_HINT = /^(listen|listen now|audio version|play audio)/i;
const STRONG = /^(listen to|hear this|listen to the audio)/i;
const HINT = /(listen|audio|tts|speech|narrat|player|podcast|voice)/;

export const listen: Detector = {
  kind: 'listen',
  text(node, text, ctx) {
    if (text.length > 80) return;
    const parent = node.parentElement;
    if (!parent) return;
    const strong = STRONG.test(text) && isLabel(text);
    if (!strong && !(isLabel(text) && NEEDS_HINT.test(text) && hasHint(parent, HINT, 4))) return;
    if (inUntouchableText(parent)) return;
    hideLabel(ctx, node, text, 'listen', isRow);
  },
};
