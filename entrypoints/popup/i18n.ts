/**
 * Strings for the popup, the review page and the options page. Lookups go through
 * `browser.i18n.getMessage` (public/_locales/<lang>/messages.json), so a translation is a new
 * _locales folder. This English table is the fallback outside the extension and the source of
 * _locales/en; tests/unit/export/locales.test.ts keeps the two equal.
 */
export const EN = {
  appName: 'Clearmark',
  openInTab: 'Open in a tab',
  openOptions: 'Options',
  thisPage: 'This page',
  notRunning: 'Clearmark is not running on this page.',
  noHighlightsHere: 'No highlights on this page yet. Select text and choose a colour.',
  declutterSite: 'Hide clutter on $1',
  articleChoice: 'Is this an article?',
  articleAuto: 'Let Clearmark decide',
  articlePageYes: 'Treat this page as an article',
  articlePageNo: 'Treat this page as not an article',
  articleSiteYes: 'Treat all pages on $1 as articles',
  articleSiteNo: 'Treat no page on $1 as an article',
  verdictArticle: 'Article — $1 hidden',
  verdictArticleOff: 'Article — decluttering is off for this site',
  verdictNotArticle: 'Not an article',
  verdictByReader: '(your choice)',
  clutterOne: '$1 clutter item',
  clutterCount: '$1 clutter items',
  orphansCount: '$1 of these highlights were not found on this page.',
  notFound: 'Not found on this page',
  reattach: 'Re-attach to a new selection',
  reattachHint: 'Now select the passage on the page, then choose a colour.',
  allAnnotations: 'All annotations',
  counts: '$1 on $2',
  countsMatching: 'Matching: $1 on $2',
  annotationOne: '$1 annotation',
  pageOne: '$1 page',
  pageCount: '$1 pages',
  searchLabel: 'Search annotations',
  searchPlaceholder: 'Search quotes, notes, titles, tags',
  filterColour: 'Filter by colour',
  filterTag: 'Filter by tag',
  allColours: 'All colours',
  allTags: 'All tags',
  noMatches: 'No annotations match.',
  empty: 'No highlights yet. Select text on an article and choose a colour.',
  showMore: 'Show more',
  annotationCount: '$1 annotations',
  annotationCountOf: '$1 of $2 annotations',
  goToPassage: 'Go to passage',
  edit: 'Edit',
  note: 'Note',
  saveNote: 'Save note',
  cancel: 'Cancel',
  colour: 'Colour',
  addTag: 'Add tag',
  newTag: 'New tag',
  removeTag: 'Remove tag $1',
  delete: 'Delete',
  deleted: 'Highlight deleted.',
  undo: 'Undo',
  restored: 'Highlight restored.',
  saved: 'Saved.',
  copyMarkdown: 'Copy as Markdown',
  copied: 'Copied this page’s notes to the clipboard as Markdown.',
  copyFailed: 'Could not copy to the clipboard: $1',
  exportMarkdown: 'Export Markdown',
  exportJson: 'Export JSON',
  exportAllMarkdown: 'Export all as Markdown',
  exportAllJson: 'Export all as JSON',
  importJson: 'Import JSON',
  importColour: 'Colour for imported highlights that have none (Hypothesis, other tools)',
  imported: 'Imported: $1 new, $2 updated, $3 unchanged, $4 kept (already newer here).',
  importFailed: 'Nothing was imported. $1',
  failed: 'That did not work: $1',
  pageActions: 'Page actions',
  colourYellow: 'Yellow',
  colourGreen: 'Green',
  colourBlue: 'Blue',
  colourPink: 'Pink',
  colourPurple: 'Purple',
  optionsTitle: 'Clearmark options',
  optionsColours: 'Colours',
  optionsColoursHelp: 'Give each colour a meaning; the popup shows it next to the colour.',
  optionsColourLabel: 'Meaning of $1',
  optionsDeclutter: 'Hiding clutter',
  optionsDeclutterDefault: 'Hide icon-label clutter on articles by default',
  optionsExceptions: 'Exceptions for these sites',
  optionsNoExceptions: 'No exceptions.',
  optionsSite: 'Site (for example news.example.com)',
  optionsAddException: 'Add exception',
  optionsHideOn: 'hide clutter',
  optionsShowOn: 'leave as is',
  optionsRemoveException: 'Remove exception for $1',
  optionsSaved: 'Saved.',
  dataLost: 'The browser lost part of Clearmark’s data (found on $2; missing: $1).',
  dataLostCopy: 'Clearmark kept a copy of $1: restore them, or dismiss to let them go.',
  dataLostNoCopy: 'If you exported your annotations, import that file to bring them back.',
  restoreCopy: 'Restore $1',
  restoredCopy: 'Restored $1.',
  dismiss: 'Dismiss',
} as const;

export type StringKey = keyof typeof EN;

/** The translated string, with $1, $2… replaced. */
export function t(key: StringKey, ...subs: (string | number)[]): string {
  const strs = subs.map(String);
  let got = '';
  try {
    got = browser.i18n.getMessage(key, strs);
  } catch {
    // outside the extension (unit tests): English
  }
  return got || EN[key].replace(/\$(\d)/g, (_m, n: string) => strs[Number(n) - 1] ?? '');
}

/** "1 annotation", "2 annotations"; "1 page", "3 pages". */
export const nAnnotations = (n: number) => t(n === 1 ? 'annotationOne' : 'annotationCount', n.toLocaleString());
export const nPages = (n: number) => t(n === 1 ? 'pageOne' : 'pageCount', n.toLocaleString());

export const colourName = (c: string) =>
  t(`colour${c[0]!.toUpperCase()}${c.slice(1)}` as StringKey);
