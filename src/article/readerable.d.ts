// Types for the standalone readerability check. We import this file and never the package
// root: the root pulls in the full Readability parser (~90 KB), and detection runs in a content
// script on every page. The file is CommonJS (`module.exports = isProbablyReaderable`), so the
// bundler hands it to us as the default export.
declare module '@mozilla/readability/Readability-readerable.js' {
  export default function isProbablyReaderable(
    doc: Document,
    options?: {
      minContentLength?: number;
      minScore?: number;
      visibilityChecker?: (node: Node) => boolean;
    },
  ): boolean;
}
