// `npm start` [-- --firefox] [-- --no-build]: builds the extension (skip with --no-build when
// .output is current), serves the demo article on 127.0.0.1 and opens a browser with Clearmark
// loaded on it. Close the browser or press Ctrl+C to stop; the throwaway profile is removed
// either way. For live reloading while you edit, use `npm run dev` / `npm run dev:firefox`.
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchWithExtension } from './browsers.mjs';
import { serveFolder } from './static-server.mjs';

const name = process.argv.includes('--firefox') ? 'firefox' : 'chromium';
const noBuild = process.argv.includes('--no-build');
// Without a display (a server, CI) a window cannot open: run headless and say so.
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

if (!noBuild) execSync(name === 'firefox' ? 'npx wxt build -b firefox' : 'npx wxt build', { stdio: 'inherit' });
const server = await serveFolder(fileURLToPath(new URL('../tests/fixtures/', import.meta.url)), { port: Number(process.env.PORT) || 0 });
const url = server.url('/demo-article.html');

let ext;
try {
  ext = await launchWithExtension(name, { headless });
} catch (err) {
  console.error(String(err instanceof Error ? err.message : err));
  await server.close();
  process.exit(1);
}

// One way out, whatever ends the session: Ctrl+C (which also reaches the browser, so it may
// disconnect first), a closed window, or SIGTERM. Clean up (profile, server), then exit.
let stopping;
const stop = () =>
  (stopping ??= (async () => {
    await ext.close();
    await server.close();
    process.exit(0);
  })());
// puppeteer's own handlers kill the browser and exit at once (code 130), before the profile
// is removed: ours replace them.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.removeAllListeners(signal);
  process.on(signal, stop);
}
ext.browser.on('disconnected', stop);

const page = (await ext.browser.pages())[0] ?? (await ext.browser.newPage());
await page.goto(url);
console.log(`Clearmark is running in ${ext.version} on ${url}`);
if (headless) {
  console.log('No display was found, so the browser runs headless: there is no window to see or close here.');
  console.log('On a machine with a display, `npm start` opens a window. Press Ctrl+C to stop.');
} else console.log('Close the browser window or press Ctrl+C to stop.');
