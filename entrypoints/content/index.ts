import { startPage } from './controller';
import { ignoreFakeRestarts } from './guard';

/**
 * Runs on every page. Wiring only; the per-page work is in controller.ts, and anything that
 * goes wrong there is caught so that a page that breaks us never breaks the page.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main(ctx) {
    ignoreFakeRestarts(ctx); // before anything else: a page must not be able to stop us
    startPage(ctx).catch((err: unknown) => console.warn('Clearmark:', err));
  },
});
