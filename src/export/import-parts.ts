import type { Annotation, PageInfo } from '../messages';

/**
 * Splits an import into messages the browser will carry: Chromium refuses an extension message
 * over 64 MiB. Each part holds at most `maxChars` characters of JSON (16 Mi by default: even
 * all in 3-byte UTF-8 that stays under 64 MiB). Order is kept; the background joins the parts
 * and commits them in one transaction (src/store/import-staging.ts).
 */
export const PART_CHARS = 16 * 1024 * 1024;

export interface ImportPart {
  annotations: Annotation[];
  pages: PageInfo[];
}

export function importParts(annotations: Annotation[], pages: PageInfo[], maxChars = PART_CHARS): ImportPart[] {
  const parts: ImportPart[] = [{ annotations: [], pages: [] }];
  let size = 0;
  const place = (size1: number, put: (p: ImportPart) => void) => {
    if (size > 0 && size + size1 > maxChars) {
      parts.push({ annotations: [], pages: [] });
      size = 0;
    }
    put(parts[parts.length - 1]!);
    size += size1;
  };
  for (const a of annotations) place(JSON.stringify(a).length + 1, (p) => p.annotations.push(a));
  for (const pg of pages) place(JSON.stringify(pg).length + 1, (p) => p.pages.push(pg));
  return parts;
}
