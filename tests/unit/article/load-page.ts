import { Window } from 'happy-dom';

/**
 * Parse a saved page into its own happy-dom window, scripts off, nothing fetched.
 *
 * happy-dom 21 drops everything after a `<style>` element inside `<svg>` (an icon sprite with
 * an embedded stylesheet loses the whole article: cnet's source.html parses to an empty body).
 * Browsers parse it fine. Detection never reads stylesheets, so we strip `<style>` blocks
 * before parsing rather than test against a page the browser would never see.
 */
export function loadPage(html: string, url: string): { doc: Document; close: () => Promise<void> } {
  const window = new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: false,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  const cleaned = html.replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '');
  const doc = new window.DOMParser().parseFromString(cleaned, 'text/html') as unknown as Document;
  return { doc, close: () => window.happyDOM.close() };
}
