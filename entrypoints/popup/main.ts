import { showStartupError, startApp } from './app';

/** The toolbar popup: this page's highlights, then everything, newest first. */
startApp(document.getElementById('app')!, { mode: 'popup' })
  .catch((err: unknown) => showStartupError(document.getElementById('app')!, err));
