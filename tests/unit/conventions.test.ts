// @vitest-environment node
/**
 * The project's own conventions, checked over the source tree (as Refined GitHub does):
 * src/ is free of extension APIs and of entrypoints; modules are used through their index.ts;
 * content scripts never reach the database directly.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
function files(dir: string): string[] {
  return readdirSync(ROOT + dir).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(ROOT + path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}
const imports = (path: string) => [...readFileSync(ROOT + path, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
const MODULES = readdirSync(`${ROOT}src`).filter((d) => statSync(`${ROOT}src/${d}`).isDirectory());

describe('conventions', () => {
  it('src/ uses no extension APIs and never imports from entrypoints/', () => {
    const offenders = files('src').filter((f) => {
      const code = readFileSync(ROOT + f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return /\b(browser|chrome)\.(runtime|storage|tabs|action|contextMenus|commands|i18n)\b/.test(code) || imports(f).some((i) => /entrypoints|^wxt\//.test(i));
    });
    expect(offenders).toEqual([]);
  });

  it('code outside a src module reaches it only through its index.ts', () => {
    const offenders: string[] = [];
    for (const f of [...files('src'), ...files('entrypoints'), ...files('utils')]) {
      for (const i of imports(f)) {
        const m = /(?:@\/src|(?:\.\.\/)+src|^\.\.)\/([\w-]+)\/([\w-]+)/.exec(i);
        if (!m || !MODULES.includes(m[1])) continue;
        const own = f.startsWith(`src/${m[1]}/`);
        if (!own) offenders.push(`${f} imports ${i}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('content scripts do not import the store or idb', () => {
    const offenders = files('entrypoints/content').filter((f) => imports(f).some((i) => /store|^idb/.test(i)));
    expect(offenders).toEqual([]);
  });
});
