import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EN } from '@/entrypoints/popup/i18n';

describe('strings ready for translation', () => {
  it('public/_locales/en/messages.json has every string of the English table, same text', () => {
    const messages = JSON.parse(readFileSync(join(process.cwd(), 'public/_locales/en/messages.json'), 'utf8')) as Record<
      string,
      { message: string; placeholders?: Record<string, { content: string }> }
    >;
    for (const [key, text] of Object.entries(EN)) {
      const m = messages[key];
      expect(m, key).toBeDefined();
      const expanded = m!.message.replace(/\$(\w+)\$/g, (_x, name: string) => m!.placeholders?.[name.toLowerCase()]?.content ?? '?');
      expect(expanded, key).toBe(text);
    }
  });
});
