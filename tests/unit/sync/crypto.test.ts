// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { blindId, deriveKeyMaterial, importKeys, newSalt, open, seal } from '@/src/sync/crypto';

// PBKDF2 at 600,000 iterations runs on every setup: ~1-2 s a test unloaded; 20 s leaves room on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

describe('sync encryption', () => {
  it('a record sealed with a passphrase opens with the same passphrase and salt, on another device', async () => {
    const salt = newSalt();
    const a = await importKeys(await deriveKeyMaterial('correct horse battery staple', salt));
    const b = await importKeys(await deriveKeyMaterial('correct horse battery staple', salt));
    const sealed = await seal(a, 'a:1', { note: 'my secret note' });
    expect(sealed.ct).not.toContain('secret');
    expect(atob(sealed.ct)).not.toContain('secret');
    expect(await open(b, 'a:1', sealed)).toEqual({ note: 'my secret note' });
  });

  it('does not open with another passphrase, nor under another document id', async () => {
    const salt = newSalt();
    const right = await importKeys(await deriveKeyMaterial('right', salt));
    const wrong = await importKeys(await deriveKeyMaterial('wrong', salt));
    const sealed = await seal(right, 'a:1', 'text');
    await expect(open(wrong, 'a:1', sealed)).rejects.toThrow();
    await expect(open(right, 'a:2', sealed)).rejects.toThrow();
  });

  it('uses PBKDF2 at 600,000 iterations and a random salt; page ids are keyed hashes, not the URL', async () => {
    const material = await deriveKeyMaterial('p', newSalt());
    expect(material.iterations).toBe(600_000);
    expect(newSalt()).not.toBe(newSalt());
    const keys = await importKeys(material);
    const id = await blindId(keys, 'https://news.example/story');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await blindId(keys, 'https://news.example/story')).toBe(id);
    const other = await importKeys(await deriveKeyMaterial('q', material.salt));
    expect(await blindId(other, 'https://news.example/story')).not.toBe(id);
  });
});
