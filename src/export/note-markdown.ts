/**
 * A note's Markdown made safe to open in any Markdown viewer, by the rules `renderNote` applies
 * when Clearmark shows it: formatting, lists, code and http(s)/mailto links stay as written;
 * raw HTML becomes visible text; other links keep only their text; images keep only their alt
 * text; headings are pushed below the export's own (#, ##, ###), so a note cannot forge a page.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { escapeMarkdown } from './markdown-escape';

const SAFE_URL = /^(?:https?:|mailto:)/i;
/** Headings in a note start at this level (the export uses 1–3). */
const NOTE_HEADING_MIN = 4;

type Node = Token & { tokens?: Token[]; items?: Token[] };

/** A token's children in source order: block/inline tokens, list items, table cells. */
function childrenOf(token: Node): Token[] {
  if (token.type === 'table') {
    const t = token as Tokens.Table;
    return [...t.header.flatMap((c) => c.tokens), ...t.rows.flat().flatMap((c) => c.tokens)];
  }
  return [...(token.items ?? []), ...(token.tokens ?? [])];
}

/** Whether nothing in `tokens` would render as HTML, an image or a link other than http(s)/mailto. */
function allSafe(tokens: Token[]): boolean {
  return tokens.every((t) => {
    const n = t as Node;
    if (n.type === 'heading' && (n as Tokens.Heading).depth < NOTE_HEADING_MIN) return false;
    if (n.type !== 'heading' && replacement(n) !== undefined) return false;
    return allSafe(childrenOf(n));
  });
}

/** The replacement for an unsafe token, or undefined when the token is safe as it is. */
function replacement(token: Node): string | undefined {
  switch (token.type) {
    case 'html':
      return escapeMarkdown(token.raw);
    case 'link':
      return SAFE_URL.test((token as Tokens.Link).href.trim()) ? undefined : escapeMarkdown((token as Tokens.Link).text);
    case 'image':
      return escapeMarkdown((token as Tokens.Image).text);
    case 'def':
      return SAFE_URL.test((token as Tokens.Def).href.trim()) ? undefined : '';
    case 'heading': {
      const h = token as Tokens.Heading;
      if (h.depth >= NOTE_HEADING_MIN) return undefined;
      const trailing = /\n*$/.exec(h.raw)![0];
      return `${'#'.repeat(Math.min(6, h.depth + 3))} ${rewrite(h.text, h.tokens ?? []).replace(/\n/g, ' ')}${trailing}`;
    }
  }
  return undefined;
}

/** `raw` with each child token's raw text replaced by its safe form (children appear in order). */
function rewrite(raw: string, children: Token[]): string {
  let out = '';
  let at = 0;
  for (const child of children) {
    if (!child.raw) continue;
    const pos = raw.indexOf(child.raw, at);
    // The lexer changed the text (tabs, line ends): escape the rest rather than guess.
    if (pos < 0) return out + escapeMarkdown(raw.slice(at));
    out += raw.slice(at, pos) + neutral(child as Node);
    at = pos + child.raw.length;
  }
  return out + raw.slice(at);
}

function neutral(token: Node): string {
  const replaced = replacement(token);
  if (replaced !== undefined) return replaced;
  const children = childrenOf(token);
  return children.length ? rewrite(token.raw, children) : token.raw;
}

const lex = (markdown: string) => new Lexer({ gfm: true, breaks: true }).lex(markdown);

/**
 * The note, neutralised. A rewrite can make new Markdown where two pieces meet, so it runs
 * until nothing changes; a note that keeps changing is written out as plain text.
 */
export function safeNoteMarkdown(note: string): string {
  const plain = note.replace(/\r\n?/g, '\n').trim();
  let text = plain;
  for (let round = 0; round < 4; round++) {
    const tokens = lex(text);
    if (allSafe(tokens)) return text.trim();
    text = rewrite(text, tokens);
  }
  return escapeMarkdown(plain);
}
