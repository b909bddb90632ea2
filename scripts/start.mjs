// `npm start` [-- --firefox]: builds the extension, serves the demo article on 127.0.0.1 and
// opens a browser with Clearmark loaded on it. Close the browser (or Ctrl+C) to stop.
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
const page = (await ext.browser.pages())[0] ?? (await ext.browser.newPage());
await page.goto(url);
console.log(`Clearmark is running in ${ext.version} on ${url}`);
if (headless) console.log('No display found, so the browser runs headless. Open the URL above in a browser with the extension loaded by hand (see README).');
console.log('Close the browser window or press Ctrl+C to stop.');

const stop = async () => {
  await ext.close();
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
ext.browser.on('disconnected', () => void server.close().then(() => process.exit(0)));
