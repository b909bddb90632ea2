import { describe, expect, it } from 'vitest';
import { normalize, normalizeWithMap } from '@/src/anchoring/text-index';

const ALPHABET = [32, 9, 10, 0xa0, 0xad, 0x2018, 0x201c, 0x2005, 0x200b, 65, 97, 0x3000, 0xfeff, 0x2060, 0x2033, 0xab];

describe('normalize', () => {
  it('folds away what a reader cannot see and straightens quotes', () => {
    expect(normalize('a b\u00a0c\u00add\u200be \u2019f\u2019 \u201cg\u201d \u00abh\u00bb\u3000i')).toBe(`abcde'f'"g""h"i`);
  });

  it('gives the same text as the mapped form, whose maps point at the right characters', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const s = String.fromCharCode(...Array.from({ length: 30 }, () => ALPHABET[next() % ALPHABET.length]));
      const m = normalizeWithMap(s);
      expect(normalize(s)).toBe(m.norm);
      for (let j = 0; j < m.norm.length; j++) {
        const raw = s[m.normToRaw[j]];
        expect(m.norm[j] === raw || normalize(raw) === m.norm[j]).toBe(true);
        expect(m.rawToNorm[m.normToRaw[j]]).toBe(j);
      }
    }
  });
});
