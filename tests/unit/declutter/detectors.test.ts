import { describe, expect, it } from 'vitest';
import { HIDDEN_ATTR, VISIBLE_SUFFIX } from '../../../src/declutter';
import { article, run } from './snippets';

describe('svg-title', () => {
  it('marks sprite titles and titles of icons in controls, not a chart title', () => {
    const r = run(
      `<svg style="display:none"><symbol id="a"><title>icon bookmark-b</title></symbol><symbol id="b"><title>icon camera</title></symbol></svg>` +
        article(
          `<p>Text <a href="/s"><svg><title>Search</title><use href="#a"/></svg></a></p>` +
            `<figure><svg role="img"><title>Rainfall by month</title><rect/></svg></figure>`,
        ),
    );
    expect(r.markedText('svg-title')).toEqual(['icon bookmark-b', 'icon camera', 'Search']);
    // The link was named by its SVG title; it keeps that name.
    expect(r.$('a').getAttribute('aria-label')).toBe('Search');
    expect(r.$('figure title').hasAttribute(HIDDEN_ATTR)).toBe(false);
  });
});

describe('icon-text', () => {
  it('hides the seed\'s glued sprite run', () => {
    const r = run(
      `<div>icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon chevron lefticon closeicon v-compressicon moveicon-musicicon sign inicon fm</div>` +
        article('<p>As China and Japan continue their long-running spat.</p>'),
    );
    expect(r.text()).toBe('Harbour newsAs China and Japan continue their long-running spat.');
    expect(r.c.counts['icon-text']).toBe(1);
  });

  it('wraps just the run inside a sentence, and undo merges the text node back', () => {
    const r = run(article('<figcaption>icon cameraicon expand Volunteers on the river wall.</figcaption><p>icon shareWorkers inspect the seawall.</p>'));
    expect(r.text()).toBe('Harbour news Volunteers on the river wall.Workers inspect the seawall.');
    const cap = r.$('figcaption');
    expect(cap.childNodes.length).toBe(2);
    r.c.undo();
    expect(cap.childNodes.length).toBe(1);
    expect(cap.firstChild!.nodeValue).toBe('icon cameraicon expand Volunteers on the river wall.');
    expect(document.documentElement.outerHTML).toBe(r.before);
  });

  it('keeps "icon" in prose', () => {
    const prose = [
      'The footbridge, an icon of the city since 1887, survived.',
      'The museum designed the icon set for its signs.',
      'A lexicon entries list was published.',
      'Read about icon design in our guide.',
      'She became an icon overnight.',
    ];
    const r = run(article(prose.map((p) => `<p>${p}</p>`).join('') + '<p>Read about <a href="/x">icon design</a> here.</p><p><em>icon of the age</em></p>'));
    expect(r.marked()).toEqual([]);
  });

  it('hides a single "icon xxx" only where it is an icon label', () => {
    const r = run(
      article('<button aria-label="Close"><span class="icon icon-close">icon close</span></button><p><span>icon close</span> is what the old site printed.</p>'),
    );
    expect(r.markedText('icon-text')).toEqual(['icon close']);
  });
});

describe('icon-font', () => {
  it('hides ligatures whose font did not load', () => {
    const r = run(
      article(
        '<button><i class="material-icons">share</i></button><span class="material-symbols-outlined">bookmark_border</span><mat-icon>more_vert</mat-icon>' +
          '<a href="/next">Next story <i class="material-icons">chevron_right</i></a><p>Shares fell as investors share the worry.</p>',
      ),
    );
    expect(r.markedText('icon-font')).toEqual(['share', 'bookmark_border', 'more_vert', 'chevron_right']);
    expect(r.text()).toContain('Shares fell as investors share the worry.');
    // A button left without text keeps a name.
    expect(r.$('button').getAttribute('aria-label')).toBe('share');
  });

  it('leaves icons whose font loaded on screen, out of the reading text only', () => {
    const r = run(article('<button><i class="material-icons">share</i></button><p>Body.</p>'), {
      probe: { iconFontRendered: () => true },
    });
    expect(r.$('i').getAttribute(HIDDEN_ATTR)).toBe(`icon-font${VISIBLE_SUFFIX}`);
    expect(r.c.hidden).toBe(0);
    expect(r.c.visible).toBe(1);
    expect(r.text()).toBe('Harbour newsBody.');
  });

  it('keeps snake_case words that are not ligatures', () => {
    const r = run(
      article(
        '<p>The variable <i>max_depth</i> controls it.</p><p>Follow him at <a href="https://twitter.com/ben_silverman"><i>ben_silverman</i></a>.</p>',
      ),
    );
    expect(r.marked()).toEqual([]);
  });

  it('hides Private Use Area glyphs in icon elements', () => {
    const r = run(article('<a href="/x"><i class="icon-font">\uE5CD</i> Close</a>'));
    expect(r.c.counts['icon-font']).toBe(1);
  });
});

describe('icon-class', () => {
  it('hides Font Awesome, glyphicon, bi and icon-* elements that carry text', () => {
    const r = run(
      '<footer><a href="https://twitter.com/x"><i class="fa fa-twitter">Twitter</i></a><a href="/rss"><span class="glyphicon glyphicon-rss">RSS feed</span></a>' +
        '<a href="/n"><i class="bi bi-envelope">Newsletter</i></a><a href="/i"><span class="icon-instagram">Instagram</span></a></footer>',
    );
    expect(r.markedText('icon-class')).toEqual(['Twitter', 'RSS feed', 'Newsletter', 'Instagram']);
    expect(r.$('a').getAttribute('aria-label')).toBe('Twitter');
  });

  it('keeps label boxes, counts and sentences', () => {
    const r = run(
      article(
        '<a class="btn" href="/plan"><span class="icon-text">Read the full plan</span></a><span class="icon-comment">14</span>' +
          '<span class="icon-quote">He said no. Then he left.</span><p><i>the</i> busiest road</p>',
      ),
    );
    expect(r.marked()).toEqual([]);
  });

  it('keeps an icon drawn by CSS and hides only its text', () => {
    const r = run(article('<a href="/x"><i class="fa fa-print">Print</i></a>'), { probe: { hasOwnGlyph: () => true } });
    const i = r.$('i');
    expect(i.hasAttribute(HIDDEN_ATTR)).toBe(false);
    expect(i.firstElementChild!.getAttribute(HIDDEN_ATTR)).toBe('icon-class');
    expect(r.text()).toBe('Harbour news');
    r.c.undo();
    expect(document.documentElement.outerHTML).toBe(r.before);
  });
});

describe('visually-hidden', () => {
  it('hides labels and keeps the control\'s accessible name', () => {
    const r = run(
      article(
        '<p>Read the <a href="/r.pdf" target="_blank">report<span class="sr-only"> (Opens in a new window)</span></a> today.</p>' +
          '<a href="https://facebook.com/sharer/sharer.php?u=x"><span class="visually-hidden">Share on Facebook</span></a>' +
          '<p class="byline"><span class="screen-reader-text">Written by</span> Maya Ferrante</p>',
      ),
    );
    expect(r.markedText('visually-hidden')).toEqual(['(Opens in a new window)', 'Share on Facebook', 'Written by']);
    expect(r.$('a').getAttribute('aria-label')).toBe('report (Opens in a new window)');
    expect(r.text()).toContain('Read the report today.');
  });

  it('keeps skip links focusable: out of the reading text, clipped instead of display:none', () => {
    const r = run('<a class="skip-link screen-reader-text" href="#main">Skip to content</a>' + article('<p>Body.</p>'));
    expect(r.$('a').getAttribute(HIDDEN_ATTR)).toBe(`visually-hidden${VISIBLE_SUFFIX}`);
    expect(r.text()).toBe('Harbour newsBody.');
    expect(document.querySelector('style')!.textContent).toContain(':focus');
  });

  it('keeps long visually-hidden blocks and names a field whose label it hid', () => {
    const long = 'Audio description: ' + 'the crew lifts the last roof panel into place '.repeat(4);
    const r = run(`<label class="sr-only" for="q">Search articles</label><input id="q">` + article(`<div class="visually-hidden">${long}</div>`));
    expect(r.markedText()).toEqual(['Search articles']);
    expect(r.$('#q').getAttribute('aria-label')).toBe('Search articles');
  });
});

describe('share', () => {
  it('hides a row of share controls', () => {
    const r = run(
      article(
        '<div class="story-tools"><span>Share</span> <a href="https://twitter.com/intent/tweet?u=x">Tweet</a> <a href="mailto:?subject=x">Email</a> <button>Print</button> <button>Copy link</button> <a href="https://wa.me/?text=x">WhatsApp</a></div><p>Body text here.</p>',
      ),
    );
    expect(r.markedText('share')).toEqual(['Share Tweet Email Print Copy link WhatsApp']);
    expect(r.text()).toBe('Harbour newsBody text here.');
  });

  it('hides "Share · Print · Email" written as one text', () => {
    const r = run(article('<div class="tools">Share · Print · Email</div><p>Body.</p>'));
    expect(r.c.counts.share).toBe(1);
  });

  it('keeps headings, sentences and lone buttons', () => {
    const r = run(
      article(
        '<h2>Share prices fall as insurers count the cost</h2><p>In a tweet on Monday she thanked volunteers.</p>' +
          '<p>Analysts told clients to <a href="https://twitter.com/intent/tweet?text=x">tweet</a> less.</p>' +
          '<p>Please <a href="mailto:news@example.org">email the newsroom</a>.</p><div><button>Print</button></div><p><button>Close</button></p>' +
          '<div class="grid"><div><img src="a.jpg" width="400" height="300"><p>Facebook</p></div><div><img src="b.jpg" width="400" height="300"><p>Twitter</p></div></div>',
      ),
    );
    expect(r.marked()).toEqual([]);
  });

  it('hides one share control in its own box when it is clearly one', () => {
    const r = run(article('<div class="x"><a href="https://twitter.com/intent/tweet?u=1">Tweet</a></div><p>Body.</p>'));
    expect(r.c.counts.share).toBe(1);
  });
});

describe('ad-label', () => {
  it('hides lone labels, not the sentences that mention advertising', () => {
    const r = run(
      article(
        '<div class="ad-slot"><span>Advertisement</span><div class="frame"></div></div><p class="ad-label">ADVERTISEMENT</p>' +
          '<p>The council\'s advertisement for volunteers drew replies.</p><p><b>Sponsored</b> by the council, the dig continues.</p>' +
          '<p>Coins from 275 <span>AD</span> were found.</p><div class="dfp-ad"><small>Ad</small></div><div><span>Ad</span></div>',
      ),
    );
    expect(r.markedText('ad-label')).toEqual(['Advertisement', 'ADVERTISEMENT', 'Ad']);
    expect(r.text()).toContain('Sponsored by the council, the dig continues.');
    // The whole label box goes (no empty bordered box left), here the empty slot.
    expect(r.$('.ad-slot').getAttribute(HIDDEN_ATTR)).toBe('ad-label');
  });

  it('hides only the label when the box holds the ad itself', () => {
    const r = run(article('<div class="ad">Advertisement<ins class="adsbygoogle"></ins></div><p>Body.</p>'));
    expect(r.$('.ad').hasAttribute(HIDDEN_ATTR)).toBe(false);
    expect(r.c.counts['ad-label']).toBe(1);
  });
});

describe('listen', () => {
  it('hides the player row with its duration', () => {
    const r = run(
      article(
        '<div class="audio"><button>▶</button><span>Listen to this article</span><span>4 min</span></div><p>"We have to listen to the river," she said.</p>',
      ),
    );
    expect(r.markedText('listen')).toEqual(['▶Listen to this article4 min']);
    expect(r.text()).toBe('Harbour news"We have to listen to the river," she said.');
  });

  it('keeps a real audio player and a bare "Listen" outside an audio box', () => {
    const r = run(
      article('<div class="podcast"><span>Listen to the story</span><audio controls></audio></div><p><button>Listen</button></p><div class="tts-player"><button>Listen</button></div>'),
    );
    expect(r.markedText('listen')).toEqual(['Listen to the story', 'Listen']);
    expect(r.$('.podcast').hasAttribute(HIDDEN_ATTR)).toBe(false);
    expect(r.$('p button').hasAttribute(HIDDEN_ATTR)).toBe(false);
  });
});

describe('tooltip', () => {
  it('hides the tooltip of an icon-only control and names the control with it', () => {
    const r = run(article('<button><svg><use href="#m"/></svg><span class="tooltip">Open menu</span></button><p>Ferries run every hour.</p>'));
    expect(r.markedText('tooltip')).toEqual(['Open menu']);
    expect(r.$('button').getAttribute('aria-label')).toBe('Open menu');
  });

  it('keeps a tooltip-classed note on a control with its own label, and a tip sentence', () => {
    const r = run(article('<button>Subscribe <span class="tooltip">to the newsletter</span></button><p class="tip">Tip: buy a monthly pass. It is cheaper.</p>'));
    expect(r.marked()).toEqual([]);
  });
});

describe('icon-name', () => {
  it('hides icon names under any icon-like class prefix, not labels in the same classes', () => {
    const r = run(article('<p><i class="ico ico-camera">icon camera</i> Photo: A. Lee</p><p><span class="icn icn-user">user</span><span class="ico ico-camera">Camera club</span> meets on Fridays.</p>'));
    expect(r.markedText('icon-name')).toEqual(['icon camera', 'user']);
    expect(r.text()).toContain('Camera club meets on Fridays.');
  });
});

describe('emoji-code', () => {
  it('hides shortcodes in reaction controls and keeps their counts', () => {
    const r = run(article('<p>Type :fire: in the chat.</p><div class="reactions"><button>:thumbsup: 12</button></div><button>12:30:45</button>'));
    expect(r.markedText('emoji-code')).toEqual([':thumbsup:']);
    expect(r.text()).toContain('Type :fire: in the chat.');
    expect(r.text()).toContain('12');
    expect(r.text()).toContain('12:30:45');
  });
});

describe('skip-ad', () => {
  it('hides in-page "Skip advertisement" links, not a link to a page about skipping ads', () => {
    const r = run(article('<a href="#after-ad">Skip Advertisement</a><p>Read <a href="/guides/skip-ads">Skip advertisement</a> for tips.</p>'));
    expect(r.markedText('skip-ad')).toEqual(['Skip Advertisement']);
  });
});
