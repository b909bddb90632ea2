/**
 * A small disk of the test's own (a tmpfs) for a browser profile, so a test can fill it for
 * real and see what the browser and the extension do when the disk is full. Mounting needs
 * root, as CI has; elsewhere `canMountSmallDisk()` says no.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** Where to put the profile. */
  dir: string;
  /** Bytes free on the disk now. */
  freeBytes(): number;
  /** Writes a ballast file until at most `leave` bytes are free (0: until the disk refuses). */
  fill(leave?: number): void;
  /** Deletes the ballast: the disk has room again. */
  free(): void;
  unmount(): void;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' });

export function canMountSmallDisk(): boolean {
  try {
    mountSmallDisk(1).unmount();
    return true;
  } catch {
    return false;
  }
}

export function mountSmallDisk(sizeMB: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'clearmark-disk-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMB}m`, 'tmpfs', dir]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const said = String((err as { stderr?: Buffer }).stderr ?? err).trim();
    throw new Error(`The storage-error tests make a small disk with "mount -t tmpfs", which needs root (CI runs as root): ${said}`);
  }
  const ballast = join(dir, 'ballast');
  const freeBytes = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    freeBytes,
    fill(leave = 0) {
      const fd = openSync(ballast, 'a');
      try {
        for (const size of [1 << 20, 1 << 16, 1 << 12, 512]) {
          const block = Buffer.alloc(size, 0x5a);
          while (freeBytes() - size >= leave) {
            try {
              writeSync(fd, block);
            } catch {
              break; // ENOSPC: try a smaller block
            }
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(ballast, { force: true });
    },
    unmount() {
      try {
        run('umount', ['-l', dir]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
