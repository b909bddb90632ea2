// Anchoring results: merge the shards, make rows for results.json, render tables.
export const SYSTEM_ORDER = ['clearmark', 'hypothesis-style', 'dom-anchor-text-quote', 'apache-annotator'];

const add = (a, b) => ({ total: a.total + b.total, correct: a.correct + b.correct, wrong: a.wrong + b.wrong, orphan: a.orphan + b.orphan });
const zero = () => ({ total: 0, correct: 0, wrong: 0, orphan: 0 });
const pct = (n, d) => (d ? Number(((100 * n) / d).toFixed(1)) : null);

export function summarizeAnchoring(shards) {
  const s0 = shards[0];
  const systems = SYSTEM_ORDER.filter((s) => s in s0.cells);
  const kinds = Object.keys(s0.expect);
  const out = { pages: shards.flatMap((s) => s.pages), quotes: {}, skipped: {}, expect: s0.expect, cells: {}, byQuote: {}, anchorMs: {}, samples: {}, totals: {} };
  for (const q of Object.keys(s0.quotes)) out.quotes[q] = shards.reduce((n, s) => n + s.quotes[q], 0);
  for (const k of kinds) out.skipped[k] = shards.reduce((n, s) => n + s.skipped[k], 0);
  for (const sys of systems) {
    out.cells[sys] = Object.fromEntries(kinds.map((k) => [k, shards.reduce((c, s) => add(c, s.cells[sys][k]), zero())]));
    out.byQuote[sys] = Object.fromEntries(Object.keys(s0.byQuote[sys]).map((q) => [q, shards.reduce((c, s) => add(c, s.byQuote[sys][q]), zero())]));
    out.anchorMs[sys] = shards.reduce((n, s) => n + s.anchorMs[sys], 0);
    out.samples[sys] = shards.flatMap((s) => s.samples[sys]).slice(0, 12);
    const present = zero();
    const gone = zero();
    for (const k of kinds) {
      if (out.expect[k] === 'anchor') Object.assign(present, add(present, out.cells[sys][k]));
      else Object.assign(gone, add(gone, out.cells[sys][k]));
    }
    out.totals[sys] = {
      trials: present.total + gone.total,
      present,
      gone,
      wrong: present.wrong + gone.wrong,
      falseOrphans: present.orphan,
    };
  }
  return out;
}

export function anchoringRows(a) {
  const rows = [];
  const systems = Object.keys(a.totals);
  const cm = a.totals.clearmark;
  const baselines = systems.filter((s) => s !== 'clearmark');
  for (const sys of systems) {
    const t = a.totals[sys];
    const isCm = sys === 'clearmark';
    rows.push({ name: `anchoring, ${sys}: wrong anchors (all ${t.trials} trials)`, value: t.wrong, unit: 'count', goal: isCm ? '0' : null, met: isCm ? t.wrong === 0 : null });
    rows.push({ name: `anchoring, ${sys}: wrong anchors, rate`, value: pct(t.wrong, t.trials), unit: '%', goal: null, met: null });
    // Fewer than every baseline; a tie at zero (a baseline that never orphans) is not a loss.
    const fewer = baselines.every((b) => cm.falseOrphans < a.totals[b].falseOrphans || (cm.falseOrphans === 0 && a.totals[b].falseOrphans === 0));
    rows.push({
      name: `anchoring, ${sys}: false orphans (passage still there, ${t.present.total} trials)`,
      value: t.falseOrphans,
      unit: 'count',
      goal: isCm ? 'fewer than every baseline' : null,
      met: isCm ? fewer : null,
    });
    rows.push({ name: `anchoring, ${sys}: false orphans, rate`, value: pct(t.falseOrphans, t.present.total), unit: '%', goal: null, met: null });
    rows.push({ name: `anchoring, ${sys}: failures (wrong anchors + false orphans)`, value: t.wrong + t.falseOrphans, unit: 'count', goal: null, met: null });
    rows.push({ name: `anchoring, ${sys}: correct, passage still there`, value: pct(t.present.correct, t.present.total), unit: '%', goal: null, met: null });
    rows.push({ name: `anchoring, ${sys}: correct orphans, passage gone`, value: pct(t.gone.orphan, t.gone.total), unit: '%', goal: null, met: null });
    for (const [k, c] of Object.entries(a.cells[sys])) {
      for (const o of ['correct', 'wrong', 'orphan']) {
        rows.push({ name: `anchoring/${sys}/${k}/${o}`, value: pct(c[o], c.total), unit: '%', goal: null, met: null });
      }
    }
  }
  return rows;
}

export function anchoringTables(a) {
  const systems = Object.keys(a.totals);
  const short = { clearmark: 'Clearmark', 'hypothesis-style': 'Hypothesis-style', 'dom-anchor-text-quote': 'dom-anchor-text-quote', 'apache-annotator': 'Apache Annotator' };
  const n = Object.values(a.cells.clearmark);
  const trials = n.reduce((s, c) => s + c.total, 0);
  const summary = [
    `| system | wrong anchors | false orphans (passage there) | correct (passage there) | orphaned (passage gone) | anchor time, all trials |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...systems.map((s) => {
      const t = a.totals[s];
      return `| ${short[s]} | ${t.wrong} (${pct(t.wrong, t.trials)}%) | ${t.falseOrphans} (${pct(t.falseOrphans, t.present.total)}%) | ${pct(t.present.correct, t.present.total)}% | ${pct(t.gone.orphan, t.gone.total)}% | ${(a.anchorMs[s] / 1000).toFixed(1)} s |`;
    }),
  ].join('\n');
  const perKind = [
    `| mutation | expect | n | ${systems.map((s) => short[s]).join(' | ')} |`,
    `| --- | --- | ---: | ${systems.map(() => '---').join(' | ')} |`,
    ...Object.keys(a.expect).map((k) => {
      const c0 = a.cells.clearmark[k];
      return `| ${k} | ${a.expect[k]} | ${c0.total} | ${systems
        .map((s) => {
          const c = a.cells[s][k];
          const cell = `${pct(c.correct, c.total)} / ${pct(c.wrong, c.total)} / ${pct(c.orphan, c.total)}`;
          return c.wrong && s === 'clearmark' ? `**${cell}**` : cell;
        })
        .join(' | ')} |`;
    }),
  ].join('\n');
  const byQuote = [
    `| quote length | quotes | ${systems.map((s) => short[s]).join(' | ')} |`,
    `| --- | ---: | ${systems.map(() => '---').join(' | ')} |`,
    ...Object.keys(a.byQuote.clearmark).map((q) => {
      return `| ${q} | ${a.quotes[q]} | ${systems.map((s) => {
        const c = a.byQuote[s][q];
        return `${pct(c.correct, c.total)} / ${pct(c.wrong, c.total)} / ${pct(c.orphan, c.total)}`;
      }).join(' | ')} |`;
    }),
  ].join('\n');
  return { summary, perKind, byQuote, trials };
}
