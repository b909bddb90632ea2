/**
 * `npm start` (scripts/start.mjs --no-build), as a reader runs it without a display: it says
 * what it can do, and Ctrl+C — which the terminal sends to the whole process group, browser
 * included — leaves no browser profile behind.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './support/extension';

const temp = mkdtempSync(join(tmpdir(), 'start-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm start', () => {
  it('without a display: honest instructions, and Ctrl+C cleans up its profile', async () => {
    const env = { ...process.env, TMPDIR: temp, DISPLAY: '', WAYLAND_DISPLAY: '' };
    const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await waitFor(() => /Clearmark is running/.test(out) && /Ctrl\+C/.test(out), 'the start message', 60_000);
    expect(out).not.toMatch(/Close the browser window/);
    expect(readdirSync(temp).some((f) => f.startsWith('clearmark-'))).toBe(true);
    // Ctrl+C in a terminal: SIGINT to the process group (our script and the browser).
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(readdirSync(temp).filter((f) => f.startsWith('clearmark-'))).toEqual([]);
  }, 90_000);
});
