export interface TrafilaturaPage {
  label: 'article' | 'non-article' | 'other';
  file: string;
  /** The page's address (a neutral story-shaped one when trafilatura saved none). */
  url: string;
  note: string;
  /** Snippets of the page's main text. */
  with: string[];
  without: string[];
}
export declare function trafilaturaPages(): TrafilaturaPage[];
export declare function trafilaturaHtml(file: string): string;
