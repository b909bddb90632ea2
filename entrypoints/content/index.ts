import { startPage } from './controller';

/**
 * Runs on every page. Wiring only; the per-page work is in controller.ts, and anything that
 * goes wrong there is caught so that a page that breaks us never breaks the page.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main(ctx) {
    startPage(ctx).catch((err: unknown) => console.warn('Clearmark:', err));
  },
});
