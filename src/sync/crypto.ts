/**
 * End-to-end encryption of what Clearmark syncs: AES-256-GCM with a key derived from the
 * reader's passphrase by PBKDF2-SHA-256 (WebCrypto only, no library). The server stores
 * ciphertext; it never sees the passphrase or the key.
 *
 * One PBKDF2 run gives 64 bytes: the first 32 are the AES-GCM key, the last 32 an HMAC-SHA-256
 * key that turns a page key (a URL) into a document id, so ids reveal no address either.
 * Each ciphertext is bound to its document id (as AES-GCM additional data): the server cannot
 * move one document's content under another id.
 */

/** OWASP's current recommendation for PBKDF2-HMAC-SHA-256 (2023 cheat sheet). */
export const PBKDF2_ITERATIONS = 600_000;

export interface SyncKeys {
  aes: CryptoKey;
  hmac: CryptoKey;
}

/** What is kept in the browser after setup: the derived key, so the passphrase itself is not stored. */
export interface KeyMaterial {
  /** base64 of the 64 derived bytes. */
  raw: string;
  salt: string;
  iterations: number;
}

export interface Sealed {
  /** base64 AES-GCM nonce (12 bytes, random per encryption). */
  iv: string;
  /** base64 ciphertext with its tag. */
  ct: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function newSalt(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

/** Runs PBKDF2 (slow on purpose: ~0.5 s) and returns what to keep. */
export async function deriveKeyMaterial(passphrase: string, salt: string, iterations = PBKDF2_ITERATIONS): Promise<KeyMaterial> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations }, base, 512);
  return { raw: toBase64(new Uint8Array(bits)), salt, iterations };
}

export async function importKeys(material: KeyMaterial): Promise<SyncKeys> {
  const raw = fromBase64(material.raw);
  const [aes, hmac] = await Promise.all([
    crypto.subtle.importKey('raw', raw.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']),
    crypto.subtle.importKey('raw', raw.slice(32, 64), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  ]);
  return { aes, hmac };
}

export async function seal(keys: SyncKeys, docId: string, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(docId) },
    keys.aes,
    encoder.encode(JSON.stringify(value)),
  );
  return { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/** Throws (an OperationError) when the key is wrong or the ciphertext or its id were changed. */
export async function open<T = unknown>(keys: SyncKeys, docId: string, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encoder.encode(docId) },
    keys.aes,
    fromBase64(sealed.ct),
  );
  return JSON.parse(decoder.decode(plain)) as T;
}

/** A keyed hash of a page key, for its document id: stable across devices with the same passphrase. */
export async function blindId(keys: SyncKeys, text: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', keys.hmac, encoder.encode(text));
  return Array.from(new Uint8Array(mac).subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}
