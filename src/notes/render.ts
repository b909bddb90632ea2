import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * Notes are Markdown (links, emphasis, lists, code). marked turns them into HTML, and DOMPurify
 * is the only way that HTML reaches a document: notes are reader-written, but imported files and
 * page-controlled quotes can end up in them, so they are treated as untrusted.
 */
const marked = new Marked({ gfm: true, breaks: true, async: false });

const ALLOWED_TAGS = ['p', 'br', 'a', 'em', 'strong', 'del', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr'];
const ALLOWED_ATTR = ['href', 'title'];
const SAFE_URL = /^(?:https?:|mailto:)/i;

let purifier: ReturnType<typeof DOMPurify> | undefined;
function purifierFor(win: Window & typeof globalThis) {
  if (purifier) return purifier;
  purifier = DOMPurify(win);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    // Only web and mail links; relative links would resolve against whatever page shows the note.
    if (!SAFE_URL.test(href)) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  });
  return purifier;
}

/** The note as a sanitized fragment, ready to append into `doc`. */
export function renderNote(markdown: string, doc: Document = document): DocumentFragment {
  const html = marked.parse(markdown) as string;
  const fragment = purifierFor(doc.defaultView as Window & typeof globalThis).sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ADD_ATTR: ['target', 'rel'],
    RETURN_DOM_FRAGMENT: true,
  });
  return doc.importNode(fragment, true);
}
