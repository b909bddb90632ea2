// Not from Apache Annotator: the one type its match-case files import from '../utils.js'
// (their utils.ts also evaluates XPath with the DOM's document.evaluate; our test does that itself).
export type RangeInfo = {
  startContainerXPath: string;
  startOffset: number;
  endContainerXPath: string;
  endOffset: number;
};
