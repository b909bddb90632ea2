// Finds a browser binary: the env variable first, then the usual install paths. A missing
// browser is an error that names the package to install, never a silent skip.
import { existsSync } from 'node:fs';

const CANDIDATES = {
  chromium: {
    env: 'CHROME_PATH',
    paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
    install: 'Chromium not found. Install it (Debian: `sudo apt-get install -y chromium`) or set CHROME_PATH to a Chrome or Chromium binary.',
  },
  firefox: {
    env: 'FIREFOX_PATH',
    paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'],
    install: 'Firefox not found. Install it (Debian: `sudo apt-get install -y firefox-esr`) or set FIREFOX_PATH to a Firefox 140+ binary.',
  },
};

/** @param {'chromium' | 'firefox'} name @returns {string} */
export function findBrowser(name) {
  const c = CANDIDATES[name];
  const fromEnv = process.env[c.env];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`${c.env}=${fromEnv} does not exist. ${c.install}`);
  }
  const found = c.paths.find((p) => existsSync(p));
  if (!found) throw new Error(c.install);
  return found;
}
