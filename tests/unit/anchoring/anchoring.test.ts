import { beforeEach, describe as group, expect, it } from 'vitest';
import { anchor, anchorAll, createAnchorer, describe, normalize, type Selector, type TextQuoteSelector } from '../../../src/anchoring';
import { readingText } from '../../../src/declutter/reading-text';

const ARTICLE = `
  <article id="a">
    <h1>Harbour council votes on the new <a href="/x">ferry terminal</a></h1>
    <p>The council met on Tuesday to discuss the terminal. Residents asked about noise, traffic
      and the cost of the <em>second</em> pier.</p>
    <p>“We have listened,” said the mayor. <svg><title>share icon</title></svg><span data-clearmark-hidden="icon-font">share</span>The vote passed narrowly.</p>
    <ul><li>Noise limits after 10pm</li><li>A new bus route to the pier</li></ul>
    <blockquote><p>Nobody wants a terminal that sleeps all winter.</p></blockquote>
    <figure><img src="x.png" alt=""><figcaption>The old pier in 1921, before the fire.</figcaption></figure>
    <p>The vote passed narrowly. Work starts in spring.</p>
  </article>`;

let root: Element;

beforeEach(() => {
  document.body.innerHTML = ARTICLE;
  root = document.getElementById('a')!;
});

/** A Range over the first occurrence of `from` … through the end of `to` in the reading text. */
function select(from: string, to = from, occurrence = 0): Range {
  const idx = createAnchorer(root).index;
  let s = -1;
  for (let k = 0; k <= occurrence; k++) s = idx.text.indexOf(from, s + 1);
  const e = idx.text.indexOf(to, s) + to.length;
  return idx.rangeFromRaw(s, e)!;
}

function quoteOf(sels: Selector[]): TextQuoteSelector {
  return sels.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector')!;
}

async function roundTrip(range: Range): Promise<Range | null> {
  const sels = describe(root, range);
  return anchor(root, sels);
}

function sameRange(a: Range | null, b: Range) {
  expect(a).not.toBeNull();
  expect(a!.toString()).toBe(b.toString());
  const idx = createAnchorer(root).index;
  expect(idx.offsetOf(a!.startContainer, a!.startOffset)).toBe(idx.offsetOf(b.startContainer, b.startOffset));
  expect(a!.startContainer.nodeType).toBe(3);
  expect(a!.endContainer.nodeType).toBe(3);
}

group('describe → anchor round trips', () => {
  it('across paragraph boundaries', async () => {
    const r = select('second', 'said the mayor');
    sameRange(await roundTrip(r), r);
  });

  it('inside links and headings', async () => {
    const r = select('new ferry', 'terminal');
    sameRange(await roundTrip(r), r);
  });

  it('in lists, blockquotes and figure captions', async () => {
    for (const [a, b] of [
      ['after 10pm', 'bus route'],
      ['Nobody wants', 'winter.'],
      ['old pier', 'fire.'],
    ]) {
      const r = select(a, b);
      sameRange(await roundTrip(r), r);
    }
  });

  it('element boundaries (selectNodeContents) become text boundaries', async () => {
    const r = document.createRange();
    r.selectNodeContents(root.querySelector('blockquote')!);
    const got = await roundTrip(r);
    expect(got!.toString().trim()).toBe('Nobody wants a terminal that sleeps all winter.');
    expect(got!.startContainer.nodeType).toBe(3);
  });

  it('a selection spanning hidden clutter stores a quote without it', () => {
    // Select in the live DOM from "listened" to "passed": the SVG title and the hidden icon
    // label sit in between.
    const p = root.querySelectorAll('p')[1];
    const r = document.createRange();
    r.setStart(p.firstChild!, p.firstChild!.textContent!.indexOf('listened'));
    const last = p.lastChild as Text;
    r.setEnd(last, last.data.indexOf('passed') + 'passed'.length);
    expect(r.toString()).toContain('share');
    const sels = describe(root, r);
    const q = quoteOf(sels);
    expect(q.exact).toBe('listened,” said the mayor. The vote passed');
    expect(q.exact).not.toMatch(/share/);
    const pos = sels.find((s) => s.type === 'TextPositionSelector')!;
    expect(readingText(root).slice(pos.start, pos.end)).toBe(q.exact);
  });

  it('a boundary inside hidden clutter snaps to the reading text', () => {
    const span = root.querySelector('[data-clearmark-hidden]')!;
    const r = document.createRange();
    r.setStart(span.firstChild!, 2);
    const last = root.querySelectorAll('p')[1].lastChild as Text;
    r.setEnd(last, 8);
    expect(quoteOf(describe(root, r)).exact).toBe('The vote');
  });

  it('stores 32 characters of context each side', () => {
    const q = quoteOf(describe(root, select('Residents asked')));
    expect(normalize(q.prefix).length).toBe(32);
    expect(normalize(q.suffix).length).toBe(32);
    expect(q.prefix.endsWith('the terminal. ')).toBe(true);
  });
});

group('duplicates and quote-only selectors', () => {
  it('picks the occurrence whose context matches', async () => {
    // "The vote passed narrowly." occurs twice.
    const second = select('The vote passed narrowly.', undefined, 1);
    sameRange(await roundTrip(second), second);
    const first = select('The vote passed narrowly.');
    sameRange(await roundTrip(first), first);
  });

  it('quote-only (no position) still anchors, by context', async () => {
    const second = select('The vote passed narrowly.', undefined, 1);
    const q = quoteOf(describe(root, second));
    sameRange(await anchor(root, [q]), second);
  });

  it('bare quote without context or position anchors to an occurrence', async () => {
    const got = await anchor(root, [{ type: 'TextQuoteSelector', exact: 'bus route', prefix: '', suffix: '' }]);
    expect(got!.toString()).toBe('bus route');
  });

  it('text that is not there is an orphan', async () => {
    expect(await anchor(root, [{ type: 'TextQuoteSelector', exact: 'submarine base', prefix: '', suffix: '' }])).toBeNull();
    expect(await anchor(root, [])).toBeNull();
  });
});

group('restoring after changes', () => {
  it('survives whitespace, entity and quote-style changes', async () => {
    const sels = describe(root, select('We have listened', 'mayor'));
    const p = root.querySelectorAll('p')[1];
    p.firstChild!.textContent = '\u201dWe\u00a0have   lis\u00adtened,\u201d\u200b said\n the mayor. ';
    const got = await anchor(root, sels);
    expect(got!.toString()).toBe('We\u00a0have   lis\u00adtened,\u201d\u200b said\n the mayor');
  });

  it('an edited original wins over an exact copy elsewhere', async () => {
    const sels = describe(root, select('Residents asked', 'pier.'));
    const p = root.querySelectorAll('p')[0];
    p.innerHTML = p.innerHTML.replace('traffic', 'parking');
    const copy = document.createElement('p');
    copy.textContent = 'Residents asked about noise, traffic\n      and the cost of the second pier.';
    root.insertBefore(copy, root.firstChild);
    const got = await anchor(root, sels);
    expect(got).not.toBeNull();
    expect(p.contains(got!.startContainer)).toBe(true);
    expect(got!.toString()).toContain('parking');
  });

  it('a word edited in a paragraph’s opening sentence, with an ad inserted before it, still anchors', async () => {
    const sels = describe(root, select('The council met', 'the terminal.'));
    const p = root.querySelectorAll('p')[0];
    p.innerHTML = p.innerHTML.replace('met on Tuesday', 'met late on Tuesday');
    const ad = document.createElement('div');
    ad.textContent = 'Advertisement: subscribe for one euro';
    p.before(ad);
    const got = await anchor(root, sels);
    expect(got?.toString()).toBe('The council met late on Tuesday to discuss the terminal.');
  });

  it('a deleted paragraph is an orphan even with a lookalike left', async () => {
    const sels = describe(root, select('Residents asked', 'pier.'));
    const p = root.querySelectorAll('p')[0];
    const lookalike = document.createElement('p');
    lookalike.textContent = 'Residents complained about noise, traffic and the price of the second pier.';
    root.appendChild(lookalike);
    p.remove();
    expect(await anchor(root, sels)).toBeNull();
  });

  it('anchors many at once with one index', () => {
    const ranges = [select('council met'), select('bus route'), select('sleeps all'), select('Work starts')];
    const sets = ranges.map((r) => describe(root, r));
    const got = anchorAll(root, sets);
    got.forEach((g, i) => expect(g!.toString()).toBe(ranges[i].toString()));
  });
});

group('edits inside the quote and twins (issue #14)', () => {
  const LIST = `
    <article id="l">
      <h2>20) Faces Places</h2><p>A road trip through villages and faces. Faces Places is currently streaming on Netflix and available to digitally rent on Google Play and YouTube.</p>
      <h2>19) Ingrid Goes West</h2><p>A satire of influencers and envy. Ingrid Goes West is currently streaming on Hulu and available to digitally rent on Google Play and YouTube.</p>
      <h2>4) Get Out</h2><p>A horror film about a weekend visit. Get Out is currently streaming on Netflix and available to digitally rent on Google Play and YouTube.</p>
      <p>The mayor, Jon Smith, said on Tuesday that the bridge would reopen in spring after repairs.</p>
    </article>`;
  const mount = () => {
    document.body.innerHTML = LIST;
    return document.getElementById('l')!;
  };
  const rangeOf = (r: Element, text: string, occurrence = 0) => {
    const idx = createAnchorer(r).index;
    let s = -1;
    for (let k = 0; k <= occurrence; k++) s = idx.text.indexOf(text, s + 1);
    return idx.rangeFromRaw(s, s + text.length)!;
  };

  it('a twin blurb whose context does not match is never chosen when the passage is deleted', async () => {
    let r = mount();
    const sels = describe(r, rangeOf(r, 'available to digitally rent on Google Play and YouTube.', 2)); // Get Out's
    // Saved with context long enough to tell the twins apart.
    expect(quoteOf(sels).prefix.replace(/\s/g, '').length).toBeGreaterThan(40);
    r = mount();
    r.querySelectorAll('p')[2]!.remove();
    expect(await anchor(r, sels)).toBeNull();
  });

  it('a replaced word in a short quote anchors on the edited passage, not on an exact copy elsewhere', async () => {
    let r = mount();
    const sels = describe(r, rangeOf(r, 'the bridge would reopen'));
    r = mount();
    const p = r.querySelectorAll('p')[3]!;
    p.textContent = p.textContent!.replace('the bridge would reopen', 'the ferry terminal would reopen');
    r.insertAdjacentHTML('afterbegin', '<p>Last year nobody believed the bridge would reopen at all.</p>');
    expect((await anchor(r, sels))?.toString()).toBe('the ferry terminal would reopen');
  });

  it('a word inserted or removed inside a short quote, both sides of context intact', async () => {
    let r = mount();
    const sels = describe(r, rangeOf(r, 'the bridge would reopen'));
    r = mount();
    const p = r.querySelectorAll('p')[3]!;
    p.textContent = p.textContent!.replace('the bridge would reopen', 'the bridge would finally reopen');
    expect((await anchor(r, sels))?.toString()).toBe('the bridge would finally reopen');
    r = mount();
    const sels2 = describe(r, rangeOf(r, 'said on Tuesday that the bridge'));
    const q = r.querySelectorAll('p')[3]!;
    q.textContent = q.textContent!.replace('said on Tuesday that the bridge', 'said on that the bridge');
    expect((await anchor(r, sels2))?.toString()).toBe('said on that the bridge');
  });

  it('a rewritten passage of the same length is an orphan, not a guess', async () => {
    let r = mount();
    const sels = describe(r, rangeOf(r, 'the bridge would reopen'));
    r = mount();
    const p = r.querySelectorAll('p')[3]!;
    p.textContent = p.textContent!.replace('the bridge would reopen', 'a tunnel was planned');
    expect(await anchor(r, sels)).toBeNull();
  });
});
