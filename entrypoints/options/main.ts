import { COLOURS, type Colour } from '@/src/messages';
import { declutterDefault, declutterSites } from '@/utils/settings';
import { colourLabels } from './colour-labels';
import { colourName, t } from '../popup/i18n';

/** Options: what each colour means, the declutter default, and per-site exceptions. */
async function main() {
  const app = document.getElementById('app')!;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] => {
    const node: HTMLElementTagNameMap[K] = document.createElement(tag);
    Object.assign(node, props);
    node.append(...children);
    return node;
  };
  const status = el('p', { className: 'status', role: 'status' });
  const saved = () => (status.textContent = t('optionsSaved'));
  document.title = t('optionsTitle');

  // Colours
  const labels = await colourLabels.getValue();
  const colourRows = COLOURS.map((c: Colour) => {
    const input = el('input', { type: 'text', value: labels[c] ?? '', maxLength: 40 });
    input.setAttribute('aria-label', t('optionsColourLabel', colourName(c)));
    input.addEventListener('change', async () => {
      const next = { ...(await colourLabels.getValue()) };
      if (input.value.trim()) next[c] = input.value.trim();
      else delete next[c];
      await colourLabels.setValue(next);
      saved();
    });
    const name = document.createElement('span');
    name.className = 'colour-name';
    name.textContent = colourName(c);
    const row = document.createElement('div');
    row.className = 'annotation row';
    row.append(name, input);
    row.dataset.colour = c;
    return row;
  });

  // Declutter default
  const def = document.createElement('input');
  def.type = 'checkbox';
  def.checked = await declutterDefault.getValue();
  def.addEventListener('change', async () => {
    await declutterDefault.setValue(def.checked);
    saved();
    await renderSites();
  });

  // Exceptions
  const sitesList = el('ul', { className: 'annotations' });
  const renderSites = async () => {
    const sites = await declutterSites.getValue();
    const entries = Object.entries(sites).sort(([a], [b]) => a.localeCompare(b));
    sitesList.replaceChildren(
      ...(entries.length
        ? entries.map(([host, on]) => {
            const remove = el('button', { type: 'button', textContent: '×' });
            remove.setAttribute('aria-label', t('optionsRemoveException', host));
            remove.addEventListener('click', async () => {
              const next = { ...(await declutterSites.getValue()) };
              delete next[host];
              await declutterSites.setValue(next);
              saved();
              await renderSites();
            });
            return el('li', { className: 'row' }, el('span', { textContent: `${host}: ${on ? t('optionsHideOn') : t('optionsShowOn')}` }), remove);
          })
        : [el('li', { className: 'empty', textContent: t('optionsNoExceptions') })]),
    );
  };
  const hostInput = document.createElement('input');
  hostInput.type = 'text';
  hostInput.placeholder = 'news.example.com';
  hostInput.setAttribute('aria-label', t('optionsSite'));
  const form = el('form', { className: 'row' }, hostInput, el('button', { type: 'submit', textContent: t('optionsAddException') }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let host = hostInput.value.trim().toLowerCase();
    try {
      if (/^[a-z]+:\/\//.test(host)) host = new URL(host).hostname;
    } catch {
      /* keep as typed */
    }
    if (!/^[a-z0-9.-]+(:\d+)?$/.test(host)) return;
    // An exception is the opposite of the default.
    const next = { ...(await declutterSites.getValue()), [host]: !(await declutterDefault.getValue()) };
    await declutterSites.setValue(next);
    hostInput.value = '';
    saved();
    await renderSites();
  });
  await renderSites();

  app.replaceChildren(
    el('h1', { textContent: t('optionsTitle') }),
    el('section', {}, el('h2', { textContent: t('optionsColours') }), el('p', { className: 'meta', textContent: t('optionsColoursHelp') }), ...colourRows),
    el(
      'section',
      {},
      el('h2', { textContent: t('optionsDeclutter') }),
      el('label', { className: 'switch' }, def, ` ${t('optionsDeclutterDefault')}`),
      el('h3', { textContent: t('optionsExceptions') }),
      sitesList,
      form,
    ),
    status,
  );
}

void main();
