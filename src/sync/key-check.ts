/**
 * The key-check document tells a wrong passphrase from a right one before anything is synced.
 * The first device to sync writes it: a random salt, the PBKDF2 iteration count, and a known
 * text encrypted with the derived key. Every other device derives its key with that salt and
 * must be able to decrypt the text; if not, the passphrase is wrong and nothing is replicated,
 * so nothing is written locally.
 */
import { deriveKeyMaterial, importKeys, newSalt, open, seal, type KeyMaterial } from './crypto';
import { SyncError } from './errors';
import { isConflict, isNotFound, type PouchDoc, type PouchLike } from './pouch';

export const KEY_DOC_ID = 'clearmark-key';
const CHECK_TEXT = 'Clearmark key check';

interface KeyDoc extends PouchDoc {
  salt: string;
  iterations: number;
  iv: string;
  ct: string;
}

/** Setup on a device: the key for this server's data, from the passphrase (PBKDF2 runs once here). */
export async function keyForServer(remote: PouchLike, passphrase: string, derive = deriveKeyMaterial): Promise<KeyMaterial> {
  let doc = await getKeyDoc(remote);
  if (!doc) {
    const material = await derive(passphrase, newSalt());
    try {
      await remote.put(await keyDocFor(material));
      return material;
    } catch (err) {
      // Another device wrote it first: use theirs.
      if (!isConflict(err)) throw err;
      doc = await getKeyDoc(remote);
      if (!doc) throw err;
    }
  }
  const material = await derive(passphrase, doc.salt, doc.iterations);
  if (!(await unlocks(material, doc))) throw new SyncError('wrong-passphrase');
  return material;
}

/**
 * Each pass: is the server's data still encrypted with our key? If the key document is gone
 * (the database was emptied or recreated), it is written again from ours.
 */
export async function checkServerKey(remote: PouchLike, material: KeyMaterial): Promise<void> {
  const doc = await getKeyDoc(remote);
  if (!doc) {
    await remote.put(await keyDocFor(material)).catch((err: unknown) => {
      if (!isConflict(err)) throw err;
    });
    return checkServerKey(remote, material);
  }
  if (doc.salt !== material.salt || !(await unlocks(material, doc))) throw new SyncError('wrong-passphrase');
}

async function getKeyDoc(remote: PouchLike): Promise<KeyDoc | undefined> {
  try {
    return (await remote.get(KEY_DOC_ID)) as KeyDoc;
  } catch (err) {
    // The database itself is checked first (remote.info()), so a 404 here is the document.
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function keyDocFor(material: KeyMaterial): Promise<KeyDoc> {
  const sealed = await seal(await importKeys(material), KEY_DOC_ID, CHECK_TEXT);
  return { _id: KEY_DOC_ID, salt: material.salt, iterations: material.iterations, ...sealed };
}

async function unlocks(material: KeyMaterial, doc: KeyDoc): Promise<boolean> {
  try {
    return (await open(await importKeys(material), KEY_DOC_ID, doc)) === CHECK_TEXT;
  } catch {
    return false;
  }
}
