// Where the test data lives, in one place for unit tests, browser tests, benchmarks and scripts.
// Plain paths (not URL objects): under happy-dom the global URL is happy-dom's, which node:fs rejects.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository's root folder. */
export const REPO_ROOT = join(here, '..', '..');
/** Mozilla Readability's test pages (see tests/corpus/readability/SOURCE.md). */
export const READABILITY_DIR = join(here, 'readability');
/** Trafilatura's evaluation pages, gzipped, with snippets and our article labels (see tests/corpus/trafilatura/SOURCE.md). */
export const TRAFILATURA_DIR = join(here, 'trafilatura');
/** Our own hand-made pages: the demo article, one page per clutter kind, non-article pages. */
export const FIXTURES_DIR = join(REPO_ROOT, 'tests', 'fixtures');
/** Other annotators' anchoring test data: Hypothesis html-baselines, Apache Annotator cases (see tests/corpus/anchoring/SOURCE.md). */
export const ANCHORING_DIR = join(here, 'anchoring');
