import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench/tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Page-controlled text is never parsed as HTML except by DOMPurify (src/notes). These sinks
    // would bypass it; Mozilla's linter (npm run lint:firefox) flags them in the built add-on too.
    files: ['entrypoints/**', 'src/**', 'utils/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]", message: 'Build DOM nodes, or sanitize with DOMPurify (src/notes) and insert its nodes.' },
        { selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]", message: 'Build DOM nodes, or sanitize with DOMPurify (src/notes) and insert its nodes.' },
      ],
    },
  },
  {
    // The database lives in the extension's origin. IndexedDB opened from a content script
    // belongs to the web page's origin, where the page's own scripts could read the notes.
    files: ['entrypoints/content/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/store', '**/store/**', '@/src/store*'], message: 'Content scripts reach the database through the background (src/messages.ts), never directly.' },
            { group: ['idb', 'idb/*'], message: 'Content scripts must not open IndexedDB: it would belong to the page’s origin.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'indexedDB', message: 'Content scripts must not open IndexedDB: it would belong to the page’s origin.' }],
    },
  },
  {
    // src/ is plain TypeScript over the DOM: no extension APIs, so it runs in tests and any page.
    files: ['src/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'browser', message: 'src/ is free of extension APIs; call them from entrypoints/.' }, { name: 'chrome', message: 'src/ is free of extension APIs; call them from entrypoints/.' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/entrypoints/**', 'wxt/browser', 'wxt/*'], message: 'src/ never imports from entrypoints/ or WXT runtime APIs.' }] }],
    },
  },
);
