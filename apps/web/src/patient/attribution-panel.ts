import { h } from '../dom';
import { classificationInWords, dateTime, humanize, pct, probabilityMeaning, TARGET_COLOURS } from '../format';

export type TypeLabel = (type: string) => string;
import type { Attribution, TargetSummary } from '../types';

/** The answer at a glance: classification in words, per-target relief, evidence, clinical picture, next step. */
export function attributionPanel(a: Attribution, label: TypeLabel, onEvidence: (interventionId: string) => void): HTMLElement {
  const freshness = h('p', { class: `freshness ${a.fresh ? 'fresh' : 'stale'}`, role: 'status' },
    a.fresh ? `Up to date — computed ${dateTime(a.computedAt)}` : a.computedAt ? `Updating… (last computed ${dateTime(a.computedAt)})` : 'Computing…');
  if (a.status !== 'computed' || !a.classification || a.probability === undefined) {
    return h('section', { class: 'card attribution', 'aria-labelledby': 'attr-title' }, h('h2', { id: 'attr-title' }, 'Where does the pain come from?'), freshness);
  }
  const picture = a.clinicalPicture;
  const agree = picture?.agreesWithResponse;
  const meaning = probabilityMeaning(a.classification, a.probability);
  return h('section', { class: `card attribution attribution-${a.classification}`, 'aria-labelledby': 'attr-title', 'data-computed-at': a.computedAt },
    h('h2', { id: 'attr-title' }, 'Where does the pain come from?'),
    h('p', { class: 'verdict', id: 'verdict' }, classificationInWords(a.classification, a.probability)),
    meaning ? h('p', { class: 'muted small', id: 'probability-meaning' }, meaning) : null,
    freshness,
    h('div', { class: 'targets' }, targetBlock('Knee-directed care', 'knee', a.knee), targetBlock('Spine-directed care', 'spine', a.spine)),
    a.suggestion ? h('p', { class: 'suggestion' }, h('strong', {}, 'Suggested next step: '), a.suggestion) : null,
    h('h3', {}, 'Evidence'),
    h('ul', { class: 'evidence' }, ...(a.evidence ?? []).map((e) =>
      h('li', {},
        h('button', { type: 'button', class: 'link-button', style: `border-left: 4px solid ${TARGET_COLOURS[e.target]}`, onclick: () => onEvidence(e.interventionId), title: 'Show on the chart' },
          `${label(e.type)}: ${e.reliefPct === null ? 'no usable relief' : `${pct(e.reliefPct)} relief`}${e.confounded ? ' (confounded)' : ''}`),
        h('small', { class: 'muted' }, ` weight ${Math.round(e.weight * 100)} % — ${e.note}`),
      ))),
    picture ? h('div', { class: 'picture' },
      h('h3', {}, 'Clinical picture'),
      h('p', {}, `History, exam and imaging: ${count(picture.kneeFindings)} findings favour the knee, ${count(picture.radicularFindings)} favour a nerve root` +
        (picture.suggestedRootLevel ? `; the pain location suggests ${picture.suggestedRootLevel}.` : '.')),
      h('p', { class: agree === false ? 'disagree' : '' },
        agree === null || agree === undefined ? 'Picture and response cannot be compared yet.' : agree ? 'The clinical picture agrees with the treatment response.' : 'The clinical picture and the treatment response disagree — worth a second look.'),
    ) : null,
    h('p', { class: 'muted small' }, `Algorithm ${a.algorithmVersion ?? '—'}; inputs up to ${dateTime(a.inputsUpTo ?? null)}.`),
  );
}

const count = (v: number | string[]) => (Array.isArray(v) ? v.length : v);

function targetBlock(title: string, target: 'knee' | 'spine', t: TargetSummary | undefined): HTMLElement {
  const relief = t?.reliefPct === null || t?.reliefPct === undefined ? 'not measured' : `${pct(t.reliefPct)}${t.se ? ` ± ${Math.round(1.96 * t.se)}` : ''} relief`;
  return h('div', { class: 'target', style: `border-top: 4px solid ${TARGET_COLOURS[target]}` },
    h('h3', {}, title), h('p', { class: 'target-status' }, humanize(t?.status ?? 'untested')), h('p', {}, relief),
  );
}
