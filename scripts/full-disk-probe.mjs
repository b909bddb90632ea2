#!/usr/bin/env node
/**
 * What does the browser itself do with IndexedDB writes at a full disk? No Clearmark code in the
 * path: an extension page writes straight into a database of its own, 20 records first, then
 * one every 200 ms for N seconds with the profile's disk (a tmpfs) full, then the disk is freed
 * and the records are counted. Prints one JSON line: the outcomes, and how many acknowledged
 * writes were lost.
 *
 * Why it exists: it is the evidence for Clearmark's disk reserve in Chromium
 * (src/store/connection.ts). Run it again on a new Chromium to see whether the reserve is still
 * needed. Needs root (mount). Usage: npm run build && node scripts/full-disk-probe.mjs chromium 60
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from './browsers.mjs';

const name = process.argv[2] === 'firefox' ? 'firefox' : 'chromium';
const seconds = Number(process.argv[3] ?? 60);

const dir = mkdtempSync(join(tmpdir(), 'clearmark-probe-disk-'));
execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', dir]);
const ballast = join(dir, 'ballast');
const fillDisk = () => {
  const fd = openSync(ballast, 'a');
  for (const size of [1 << 20, 1 << 16, 1 << 12, 512]) {
    const block = Buffer.alloc(size, 1);
    try {
      for (;;) writeSync(fd, block);
    } catch {
      // ENOSPC: on to a smaller block
    }
  }
  closeSync(fd);
};

const ext = await launchWithExtension(name, { profileParent: dir });
try {
  const page = await ext.browser.newPage();
  const url = `${ext.extensionOrigin}/options.html`;
  if (name === 'chromium') await page.goto(url);
  else {
    page.goto(url, { timeout: 0 }).catch(() => {}); // BiDi does not report this load
    await new Promise((r) => setTimeout(r, 3000));
  }
  const put = (key) =>
    page.evaluate(
      (key) =>
        new Promise((resolve) => {
          const open = indexedDB.open('full-disk-probe', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('records');
          open.onerror = () => resolve(`open failed: ${open.error?.name}: ${open.error?.message}`);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('records', 'readwrite');
            tx.objectStore('records').put(`${'x'.repeat(300)} ${key}`, key);
            tx.oncomplete = () => (db.close(), resolve('ok'));
            tx.onabort = () => (db.close(), resolve(`aborted: ${tx.error?.name}: ${tx.error?.message}`));
          };
        }),
      key,
    );
  const storedKeys = () =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const open = indexedDB.open('full-disk-probe', 1);
          open.onerror = () => resolve([]);
          open.onsuccess = () => {
            const req = open.result.transaction('records').objectStore('records').getAllKeys();
            req.onsuccess = () => (open.result.close(), resolve(req.result));
          };
        }),
    );

  const acknowledged = [];
  for (let i = 0; i < 20; i++) if ((await put(`before-${i}`)) === 'ok') acknowledged.push(`before-${i}`);
  fillDisk();
  const outcomes = {};
  const start = Date.now();
  for (let i = 0; Date.now() - start < seconds * 1000; i++) {
    const outcome = await put(`full-${i}`);
    const kind = outcome.slice(0, 70);
    outcomes[kind] = (outcomes[kind] ?? 0) + 1;
    if (outcome === 'ok') acknowledged.push(`full-${i}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  rmSync(ballast, { force: true });
  await new Promise((r) => setTimeout(r, 1000));
  const stored = new Set(await storedKeys());
  const lost = acknowledged.filter((k) => !stored.has(k));
  console.log(
    JSON.stringify({
      browser: `${name} ${ext.version}`,
      secondsAtFullDisk: seconds,
      outcomes,
      acknowledged: acknowledged.length,
      stored: stored.size,
      lostAcknowledged: lost.length,
      lostWrittenBeforeTheDiskFilled: lost.filter((k) => k.startsWith('before-')).length,
    }),
  );
} finally {
  await ext.close();
  execFileSync('umount', ['-l', dir]);
  rmSync(dir, { recursive: true, force: true });
}
