import { defineConfig } from 'wxt';

// One config, two browsers: `wxt build` gives .output/chrome-mv3, `wxt build -b firefox`
// gives .output/firefox-mv3 (WXT defaults Firefox to MV2, so we ask for MV3 explicitly).
export default defineConfig({
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Clearmark',
    default_locale: 'en',
    description:
      'Hides icon-label clutter on news articles and keeps your highlights and notes on your own machine.',
    // storage: per-site declutter switch; unlimitedStorage: the browser must never evict the
    // reader's highlights to make room (it would, silently, under disk pressure);
    // contextMenus: "Highlight selection"; tabs: the popup shows the current tab's page and can
    // jump to a passage; alarms: a sync pass every few minutes, only when sync is set up.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'tabs', 'alarms'],
    // Sync: the reader's server only, asked for at runtime when they set it up (src/sync).
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Clearmark' },
    // The highlight card is an extension page framed in the page (entrypoints/card-frame), so
    // the note never enters the page's document. In Chrome only through a per-session URL, so a
    // page cannot probe for the file to detect Clearmark; Firefox's extension URLs already carry
    // a random per-install id (and it has no use_dynamic_url).
    web_accessible_resources: [
      { resources: ['card-frame.html'], matches: ['<all_urls>'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) },
    ],
    commands: {
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Highlight the selected text',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'clearmark@clearmark.dev',
              // 140: first Firefox with the CSS Custom Highlight API.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on; saying so keeps
            // Mozilla's linter (npm run check) from warning that 140 would ignore it.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    build: {
      rollupOptions: {
        // zod's sources carry comments Rollup cannot place; harmless, but they bury real warnings.
        onwarn(warning, warn) {
          if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
        },
      },
    },
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    // Reviewers rebuild from the sources zip; the test corpus of third-party pages is not needed.
    excludeSources: ['tests/corpus/**', 'bench/results.json', 'docs/*.png'],
  },
});
