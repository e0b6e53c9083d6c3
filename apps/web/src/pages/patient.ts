import { ApiError, del, get, patch, post, type Me } from '../api';
import { alertBox, clear, h } from '../dom';
import { date, dateTime, humanize, TARGET_COLOURS } from '../format';
import { attributionPanel } from '../patient/attribution-panel';
import { csvImportForm, interventionForm, scoreForm, visitForm } from '../patient/forms';
import { responseTable } from '../patient/response-table';
import { timelineChart, type TimelineChart } from '../patient/timeline-chart';
import type { Assessment, Attribution, Intervention, InterventionType, PainScore, Patient, Visit } from '../types';

let chart: TimelineChart | null = null;
let poll: number | undefined;

interface PatientData { patient: Patient; scores: PainScore[]; interventions: Intervention[]; visits: Visit[]; attribution: Attribution; assessments: Assessment[]; types: InterventionType[] }

async function load(id: string): Promise<PatientData> {
  const base = `/api/v1/patients/${id}`;
  const [patient, scores, interventions, visits, attribution, responses, types] = await Promise.all([
    get<Patient>(base), get<{ items: PainScore[] }>(`${base}/pain-scores`), get<{ items: Intervention[] }>(`${base}/interventions`),
    get<{ items: Visit[] }>(`${base}/visits`), get<Attribution>(`${base}/attribution`), get<{ items: Assessment[] }>(`${base}/responses`),
    get<{ items: InterventionType[] }>('/api/v1/intervention-types'),
  ]);
  return { patient, scores: scores.items, interventions: interventions.items, visits: visits.items, attribution, assessments: responses.items, types: types.items };
}

export async function renderPatient(main: HTMLElement, id: string, me: Me): Promise<void> {
  window.clearTimeout(poll);
  chart?.destroy();
  chart = null;
  clear(main);
  if (me.role !== 'clinician') {
    main.append(h('h1', {}, 'Patient record'), alertBox('error', 'Identifiable patient records are open only to clinicians of the patient\'s care team. Analysts work with the de-identified cohort views.'));
    return;
  }
  let data: PatientData;
  try {
    data = await load(id);
  } catch (error) {
    main.append(h('h1', {}, 'Patient record'), alertBox('error', error instanceof ApiError && error.status === 404 ? 'No such patient in your care teams.' : (error as Error).message));
    return;
  }
  draw(main, data, me);
  // While the worker recomputes, refresh until the answer covers the newest input.
  if (!data.attribution.fresh) poll = window.setTimeout(() => void refresh(main, id, me), 1000);
}

async function refresh(main: HTMLElement, id: string, me: Me): Promise<void> {
  if (location.pathname !== `/patients/${id}`) return;
  const scrollY = window.scrollY;
  const open = [...main.querySelectorAll('details[open]')].map((d) => d.id);
  await renderPatient(main, id, me);
  for (const d of open) main.querySelector<HTMLDetailsElement>(`#${d}`)?.setAttribute('open', '');
  window.scrollTo(0, scrollY);
}

function draw(main: HTMLElement, d: PatientData, me: Me): void {
  const { patient: p } = d;
  const base = `/api/v1/patients/${p.id}`;
  document.title = `${p.familyName}, ${p.givenName} — ReliefTrace`;
  const changed = () => void refresh(main, p.id, me);
  const labels = new Map(d.types.map((t) => [t.type, t.label]));
  const label = (type: string) => labels.get(type) ?? humanize(type);

  chart = timelineChart(d.scores, d.interventions, d.assessments);
  const records = h('section', { class: 'card', 'aria-labelledby': 'records-title' }, h('h2', { id: 'records-title' }, 'Interventions and visits'));
  records.append(recordList('Interventions', d.interventions.map((i) => ({
    id: i.id,
    label: `${date(i.performedAt)} — ${label(i.type)}${i.spinalLevels.length ? ` ${i.spinalLevels.join(', ')}` : ''}${i.laterality ? ` (${i.laterality})` : ''}`,
    colour: TARGET_COLOURS[i.target],
    note: i.note,
    edit: () => interventionForm(d.types, i, async (body) => { await patch(`${base}/interventions/${i.id}`, body); changed(); }),
    remove: async () => { await del(`${base}/interventions/${i.id}`); changed(); },
  }))));
  records.append(recordList('Visits', d.visits.map((v) => ({
    id: v.id,
    label: `${dateTime(v.occurredAt)} — clinic pain ${v.clinicPain ?? '—'}`,
    colour: '#000',
    note: v.note,
    edit: () => visitForm(v, async (body) => { await patch(`${base}/visits/${v.id}`, body); changed(); }),
    remove: async () => { await del(`${base}/visits/${v.id}`); changed(); },
  }))));

  main.append(
    h('div', { class: 'patient-head' },
      h('h1', {}, `${p.familyName}, ${p.givenName}`),
      h('p', { class: 'muted' }, `${p.pseudonym} · MRN ${p.mrn ?? '—'} · born ${p.birthDate} · index knee: ${p.indexKnee} · ${p.timezone} · SMS ${p.smsOptedOut ? 'opted out' : p.smsConsent ? 'on' : 'off'}`)),
    h('div', { class: 'patient-grid' },
      h('section', { class: 'card chart-card', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, 'Pain over time'), chart.element,
        h('p', { class: 'muted small' }, 'Vertical lines: interventions (blue knee-directed, orange spine-directed, grey systemic); shaded: their response windows; dashed: the 14-day baseline.')),
      attributionPanel(d.attribution, label, (interventionId) => chart?.focusIntervention(interventionId)),
    ),
    h('section', { class: 'card' }, responseTable(d.interventions, d.assessments, label)),
    h('div', { class: 'entry' },
      entry('add-visit', 'Record a visit', visitForm(null, async (body) => { await post(`${base}/visits`, body); changed(); })),
      entry('add-intervention', 'Record an intervention', interventionForm(d.types, null, async (body) => { await post(`${base}/interventions`, body); changed(); })),
      entry('add-score', 'Record a clinic pain score', scoreForm(async (body) => { await post(`${base}/pain-scores`, body); changed(); })),
      entry('import-scores', 'Import historical scores (CSV)', csvImportForm((csv, dryRun) => post(`${base}/pain-scores/import`, { csv, dryRun }), changed)),
    ),
    records,
  );
}

function entry(id: string, title: string, body: HTMLElement): HTMLElement {
  return h('details', { id, class: 'card' }, h('summary', {}, title), body);
}

interface RecordItem { id: string; label: string; colour: string; note: string | null; edit: () => HTMLElement; remove: () => Promise<void> }

function recordList(title: string, items: RecordItem[]): HTMLElement {
  const list = h('ul', { class: 'records' });
  for (const item of items) {
    const editor = h('div');
    const li = h('li', { style: `border-left: 4px solid ${item.colour}` },
      h('span', {}, item.label), item.note ? h('p', { class: 'note' }, item.note) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => { clear(editor); editor.append(item.edit()); editor.querySelector<HTMLElement>('input,select')?.focus(); } }, 'Edit'),
        h('button', { type: 'button', class: 'danger', onclick: async () => { if (window.confirm(`Delete "${item.label}"? This cannot be undone.`)) await item.remove(); } }, 'Delete')),
      editor);
    list.append(li);
  }
  return h('div', {}, h('h3', {}, title), items.length ? list : h('p', { class: 'muted' }, 'None recorded.'));
}
