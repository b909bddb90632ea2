import { showStartupError, startApp } from '../popup/app';

/** The same view as the popup, as a full page for long review sessions. */
startApp(document.getElementById('app')!, { mode: 'review' })
  .catch((err: unknown) => showStartupError(document.getElementById('app')!, err));
