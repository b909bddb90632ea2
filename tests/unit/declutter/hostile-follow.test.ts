import { describe, expect, it } from 'vitest';
import { HIDDEN_ATTR, startDeclutter } from '../../../src/declutter';
import { MAX_REHIDE_ROUNDS } from '../../../src/declutter/observe';
import { article } from './snippets';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('following a page that undoes our hiding (issue #16)', () => {
  it('gives up on content re-added under the same parent after a few rounds, and yields to tasks', async () => {
    document.body.innerHTML = article('<div id="box"><p>Body.</p><div class="ad"><span>Advertisement</span></div></div>');
    let replaced = 0;
    let tasksRun = 0;
    // The page: any element we mark is replaced with an unmarked copy of itself.
    const hostile = new MutationObserver(() => {
      for (const el of document.querySelectorAll(`[${HIDDEN_ATTR}]`)) {
        const copy = el.cloneNode(true) as Element;
        copy.removeAttribute(HIDDEN_ATTR);
        el.replaceWith(copy);
        replaced++;
      }
    });
    hostile.observe(document.body, { childList: true, subtree: true, attributes: true });
    const c = startDeclutter(document);
    c.follow();
    setTimeout(() => tasksRun++, 0);
    for (let i = 0; i < 20; i++) await tick();
    expect(tasksRun).toBe(1);
    // One replacement for the first marking, then at most MAX_REHIDE_ROUNDS re-hides.
    expect(replaced).toBeGreaterThan(1);
    expect(replaced).toBeLessThanOrEqual(MAX_REHIDE_ROUNDS + 1);
    const settled = replaced;
    for (let i = 0; i < 10; i++) await tick();
    expect(replaced).toBe(settled);
    hostile.disconnect();
    c.undo();
  });

  it('still hides the same kind of clutter added elsewhere, and distinct additions under one parent', async () => {
    document.body.innerHTML = article('<div id="feed"><p>Body.</p></div>');
    const c = startDeclutter(document);
    c.follow();
    const feed = document.getElementById('feed')!;
    for (let i = 0; i < MAX_REHIDE_ROUNDS + 3; i++) {
      const item = document.createElement('div');
      item.innerHTML = `<p>Story ${i}</p><div class="ad"><span>Advertisement</span></div>`;
      feed.append(item);
      await tick();
    }
    expect(feed.querySelectorAll(`.ad[${HIDDEN_ATTR}], .ad [${HIDDEN_ATTR}]`).length).toBeGreaterThanOrEqual(MAX_REHIDE_ROUNDS + 3);
    c.undo();
  });
});
