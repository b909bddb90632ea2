/** Escaping for text that comes from web pages, so Markdown renders it literally. */

/** Escapes page-controlled text so Markdown renders it literally (inline, one line or many). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    // GFM turns bare URLs, www. names and e-mail addresses into links: break those up too.
    .replace(/:\/\//g, '\\:/\\/')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@')
    .split('\n')
    .map((line) => line.replace(/^(\s*)([-=]|\d+(?=[.)]))/, (_m, sp: string, lead: string) => `${sp}${/^\d/.test(lead) ? lead + '\\' : '\\' + lead}`))
    .join('\n');
}

/** A link target: only http(s) URLs become links, written in angle brackets with spaces and brackets encoded. */
export function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/[\s<>()[\]]/g, (c) => encodeURIComponent(c));
}
