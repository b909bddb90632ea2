import { originPattern, type SyncResponseMap, type SyncStatus } from '@/src/sync';

/**
 * The options page's Sync section: a CouchDB database, the account, the passphrase; "Save and
 * sync", "Sync now", "Turn sync off"; the last sync and what it did; errors in plain words.
 * Mounts itself into #sync (options/index.html), apart from the rest of the page.
 */
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
};

function ask<T extends keyof SyncResponseMap>(message: { type: T } & Record<string, unknown>): Promise<SyncResponseMap[T] | { error: string }> {
  return browser.runtime.sendMessage(message) as Promise<SyncResponseMap[T] | { error: string }>;
}

function field(label: string, name: string, type: string, placeholder = '') {
  const input = el('input', { name, type, placeholder, autocomplete: type === 'password' ? 'off' : 'on' });
  input.spellcheck = false;
  return { input, row: el('label', { className: 'row' }, el('span', { textContent: label }), input) };
}

async function mount(root: HTMLElement) {
  const url = field('Database URL', 'url', 'url', 'https://couch.example.org/clearmark');
  const username = field('User name', 'username', 'text', 'empty for none');
  const password = field('Password', 'password', 'password');
  const passphrase = field('Encryption passphrase', 'passphrase', 'password', 'the same on every device');
  const save = el('button', { type: 'submit', textContent: 'Save and sync' });
  const now = el('button', { type: 'button', textContent: 'Sync now', name: 'sync-now' });
  const off = el('button', { type: 'button', textContent: 'Turn sync off', name: 'sync-off' });
  const state = el('p', { className: 'status sync-state', role: 'status' });
  const error = el('p', { className: 'alert sync-error', role: 'alert' });
  const form = el('form', { className: 'sync-form' }, url.row, username.row, password.row, passphrase.row, el('div', { className: 'row' }, save, now, off));

  const show = (s: SyncStatus | { error: string }) => {
    if ('enabled' in s) {
      if (s.url && !url.input.value) url.input.value = s.url;
      if (s.username && !username.input.value) username.input.value = s.username;
      now.disabled = off.disabled = !s.enabled;
      state.textContent = describe(s);
      error.textContent = s.error ? s.error.message : '';
    } else error.textContent = s.error;
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    let pattern: string;
    try {
      pattern = originPattern(url.input.value.trim());
    } catch {
      error.textContent = 'That is not a web address. Enter the URL of a CouchDB database, e.g. https://couch.example.org/clearmark';
      return;
    }
    if (!passphrase.input.value) {
      error.textContent = 'Choose a passphrase: your highlights are encrypted with it before they leave the browser.';
      return;
    }
    // Asked for in the click itself (browsers require a user gesture), for this server only.
    browser.permissions
      .request({ origins: [pattern] })
      .then(async (granted) => {
        if (!granted) {
          error.textContent = 'Clearmark needs your permission to connect to that server. Nothing was changed.';
          return;
        }
        state.textContent = 'Connecting… (checking the server and the passphrase)';
        error.textContent = '';
        show(await ask({ type: 'sync/configure', url: url.input.value.trim(), username: username.input.value, password: password.input.value, passphrase: passphrase.input.value }));
        passphrase.input.value = '';
      })
      .catch((err: unknown) => (error.textContent = `Sync could not be set up: ${err instanceof Error ? err.message : String(err)}`));
  });
  now.addEventListener('click', async () => {
    state.textContent = 'Syncing…';
    show(await ask({ type: 'sync/now' }));
  });
  off.addEventListener('click', async () => {
    show(await ask({ type: 'sync/disable' }));
  });

  root.replaceChildren(
    el('h2', { textContent: 'Sync' }),
    el('p', {
      className: 'meta',
      textContent:
        'Off unless you set it up. Keeps your highlights in step across browsers through a CouchDB database you run or rent. Quotes, notes, tags, page addresses and titles are encrypted with your passphrase before they leave this browser; the server sees only ciphertext.',
    }),
    form,
    state,
    error,
  );
  show(await ask({ type: 'sync/status' }));
  root.dataset.ready = 'true';
}

export function describe(s: SyncStatus): string {
  if (!s.enabled) return 'Sync is off.';
  if (s.running && !s.lastSync) return 'Syncing…';
  if (!s.lastSync) return `Sync is on (${s.url}); it has not completed yet.`;
  const when = new Date(s.lastSync).toLocaleString();
  const last = s.last;
  const did = last ? `sent ${last.sent}, received ${last.received}, conflicts ${last.conflicts}` : '';
  return `Last sync: ${when}${did ? ` — ${did}` : ''}.`;
}

const root = document.getElementById('sync');
if (root) void mount(root);
