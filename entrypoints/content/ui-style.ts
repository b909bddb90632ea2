/** Styles for the in-page UI. They live inside a closed shadow root, so page CSS cannot reach them. */
export const UI_CSS = `
:host { all: initial; }
.cm-box { position: absolute; z-index: 2147483647; font: 13px/1.4 system-ui, sans-serif; color: #1d1d1f;
  background: #fff; border: 1px solid #d0d0d6; border-radius: 8px; box-shadow: 0 4px 18px rgb(0 0 0 / .18); }
@media (prefers-color-scheme: dark) { .cm-box { color: #ececef; background: #232327; border-color: #3a3a40; } }
.cm-toolbar { display: flex; gap: 2px; padding: 4px; align-items: center; }
.cm-hint { font-size: 11px; color: #55555c; padding: 0 6px 0 4px; white-space: nowrap; }
@media (prefers-color-scheme: dark) { .cm-hint { color: #b4b4bc; } }
button { font: inherit; color: inherit; background: transparent; border: 0; border-radius: 6px; padding: 4px 8px; cursor: pointer; }
button:hover, button:focus-visible { background: rgb(127 127 127 / .18); outline: none; }
button:focus-visible { box-shadow: 0 0 0 2px #3b82f6; }
.swatch { width: 22px; height: 22px; padding: 0; border-radius: 50%; border: 2px solid transparent; }
.swatch[aria-pressed="true"] { border-color: currentColor; }
.swatch.yellow { background: #ffe14d; } .swatch.green { background: #7ddc86; } .swatch.blue { background: #84bdff; }
.swatch.pink { background: #ff9cc8; } .swatch.purple { background: #c7a8ff; }
.cm-card { width: 320px; padding: 10px; }
.cm-frame { display: block; width: 342px; height: 160px; padding: 0; border: 1px solid #d0d0d6; color-scheme: light dark; }
@media (prefers-color-scheme: dark) { .cm-frame { background: #232327; } }
.cm-card .quote { margin: 0 0 8px; padding-left: 8px; border-left: 3px solid #c9c9cf; max-height: 6em; overflow: hidden; }
.cm-card .note { margin: 6px 0; max-height: 14em; overflow: auto; }
.cm-card .note :first-child { margin-top: 0; } .cm-card .note :last-child { margin-bottom: 0; }
.cm-card textarea { width: 100%; box-sizing: border-box; min-height: 6em; font: inherit; color: inherit; background: transparent;
  border: 1px solid #b8b8c0; border-radius: 6px; padding: 6px; }
.cm-row { display: flex; gap: 4px; align-items: center; flex-wrap: wrap; margin-top: 6px; }
.cm-status { font-size: 12px; color: #b3261e; margin-top: 4px; }
.cm-status:empty { display: none; }
.cm-info { font-size: 13px; }
a { color: #2563eb; }
`;
