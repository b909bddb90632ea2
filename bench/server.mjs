// Serves the corpus pages and the non-article fixtures on 127.0.0.1 for the Chromium benches.
// Pages are cross-origin isolated (COOP + COEP), which gives performance.now() 5 µs resolution
// instead of 100 µs. Files are read from tests/corpus/readability.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

/** @param {{ corpus: string, fixtures: string }} roots */
export async function serveBench(roots) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [, area, ...rest] = path.split('/');
    const base = area === 'corpus' ? roots.corpus : area === 'fixtures' ? roots.fixtures : null;
    const file = base && normalize(join(base, ...rest));
    if (!file || !file.startsWith(normalize(base))) return res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream',
        'cache-control': 'no-store',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const addr = server.address();
  const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    origin,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r(undefined)); }),
  };
}
