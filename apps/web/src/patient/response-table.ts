import { h } from '../dom';
import { date, humanize, pct, TARGET_COLOURS } from '../format';
import type { TypeLabel } from './attribution-panel';
import type { Assessment, Intervention } from '../types';

/** One row per intervention: baseline, relief in each window, category, confounding. */
export function responseTable(interventions: Intervention[], assessments: Assessment[], label: TypeLabel): HTMLElement {
  const byId = new Map(assessments.map((a) => [a.interventionId, a]));
  const typeOf = new Map(interventions.map((i) => [i.id, i.type]));
  const rows = interventions.map((i) => {
    const a = byId.get(i.id);
    return h('tr', {},
      h('th', { scope: 'row', style: `border-left: 4px solid ${TARGET_COLOURS[i.target]}` }, label(i.type), h('br'), h('small', { class: 'muted' }, date(i.performedAt))),
      h('td', {}, a?.baseline ? `${a.baseline.value} (±${a.baseline.noise.toFixed(1)}, n=${a.baseline.n})` : '—'),
      h('td', {}, ...(a?.windows ?? []).map((w) =>
        h('div', { class: 'window' }, `${humanize(w.phase)} (${w.label}): `, w.n === 0 || w.relief === null ? `no scores` : `pain ${w.relief > 0 ? '−' : w.relief < 0 ? '+' : '±'}${Math.abs(w.relief)} (${pct(w.reliefPct)} relief), n=${w.n}`))),
      h('td', {}, h('span', { class: `category category-${a?.category ?? 'pending'}` }, humanize(a?.category ?? 'pending'))),
      h('td', {}, a?.confounded ? `Yes: ${a.confoundedBy.map((c) => label(typeOf.get(c.interventionId) ?? c.type)).join(', ')}` : 'No'),
    );
  });
  return h('table', { class: 'data response-table' },
    h('caption', {}, 'Response to each intervention'),
    h('thead', {}, h('tr', {}, ...['Intervention', 'Baseline', 'Pain change in each window', 'Category', 'Confounded'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...(rows.length ? rows : [h('tr', {}, h('td', { colspan: 5 }, 'No interventions recorded yet.'))])),
  );
}
