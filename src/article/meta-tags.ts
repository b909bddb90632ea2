/** `<meta property|name|itemprop=key content=…>`, first non-empty match, trimmed. */
export function metaContent(doc: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const els = doc.querySelectorAll(`meta[property="${key}" i], meta[name="${key}" i], meta[itemprop="${key}" i]`);
    for (let i = 0; i < els.length && i < 5; i++) {
      const v = els[i].getAttribute('content')?.trim();
      if (v) return v;
    }
  }
  return undefined;
}
