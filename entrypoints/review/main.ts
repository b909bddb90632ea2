import { startApp } from '../popup/app';

/** The same view as the popup, as a full page for long review sessions. */
startApp(document.getElementById('app')!, { mode: 'review' }).catch((err: unknown) => {
  const p = Object.assign(document.createElement('p'), { className: 'alert', textContent: `Clearmark: ${String(err)}` });
  p.setAttribute('role', 'alert');
  document.getElementById('app')!.replaceChildren(p);
});
