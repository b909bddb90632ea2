import { startApp } from './app';

/** The toolbar popup: this page's highlights, then everything, newest first. */
startApp(document.getElementById('app')!, { mode: 'popup' }).catch((err: unknown) => {
  const p = Object.assign(document.createElement('p'), { className: 'alert', textContent: `Clearmark: ${String(err)}` });
  p.setAttribute('role', 'alert');
  document.getElementById('app')!.replaceChildren(p);
});
