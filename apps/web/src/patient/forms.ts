import { FINDING_GROUPS, FINDING_STATES, LUMBAR_MRI_FINDINGS, EMG_RESULTS } from '../../../../libs/domain/src/findings';
import { SPINAL_LEVELS, KNOWN_AGENTS, LATERALITIES } from '../../../../libs/domain/src/intervention-catalogue';
import { ApiError } from '../api';
import { alertBox, clear, field, h, select, uid } from '../dom';
import { humanize, isoToLocalInput, localInputToIso, nowLocalInput } from '../format';
import type { Intervention, InterventionType, Visit } from '../types';

const GROUP_TITLES: Record<string, string> = {
  location: 'Pain location', character: 'Character', aggravatedBy: 'Aggravated by', history: 'History', exam: 'Examination', kneeMri: 'Knee MRI',
};
const STATE_LABELS: Record<string, string> = { present: 'Present', absent: 'Absent', not_assessed: 'Not assessed' };

/** Submits through `send`, shows the API's message (which names the field) on failure. */
function wire(form: HTMLFormElement, status: HTMLElement, send: () => Promise<void>): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button) button.disabled = true;
    try {
      await send();
    } catch (error) {
      status.append(alertBox('error', error instanceof ApiError ? error.message : 'Could not save.'));
    } finally {
      if (button) button.disabled = false;
    }
  });
}

const painOptions = (blank: string): Array<[string, string]> => [['', blank], ...Array.from({ length: 11 }, (_, i): [string, string] => [String(i), String(i)])];

/** Structured findings, grouped; every finding defaults to "not assessed" and is a keyboard-navigable radio group. */
export function visitForm(existing: Visit | null, save: (body: Record<string, unknown>) => Promise<void>): HTMLFormElement {
  const status = h('div', { 'aria-live': 'polite' });
  const occurredAt = h('input', { type: 'datetime-local', name: 'occurredAt', required: true, value: existing ? isoToLocalInput(existing.occurredAt) : nowLocalInput() });
  const clinicPain = select('clinicPain', painOptions('Not measured'), existing?.clinicPain?.toString() ?? '');
  const findings = (existing?.findings ?? {}) as Record<string, Record<string, string>> & { imaging?: Record<string, unknown> };
  const groups = Object.entries(FINDING_GROUPS).map(([group, names]) => {
    const current = group === 'kneeMri' ? (findings.imaging?.kneeMri as Record<string, string> | undefined) : findings[group];
    return h('fieldset', { class: 'findings-group' }, h('legend', {}, GROUP_TITLES[group]),
      ...names.map((name) => {
        const groupName = `${group}.${name}`;
        const labelId = uid('finding');
        return h('div', { class: 'finding', role: 'radiogroup', 'aria-labelledby': labelId },
          h('span', { id: labelId, class: 'finding-name' }, humanize(name.replace(/([A-Z])/g, ' $1').toLowerCase())),
          ...FINDING_STATES.map((state) => h('label', { class: 'radio' },
            h('input', { type: 'radio', name: groupName, value: state, checked: (current?.[name] ?? 'not_assessed') === state }), STATE_LABELS[state])),
        );
      }));
  });
  const imaging = findings.imaging ?? {};
  const kl = select('kl', [['', 'No X-ray read'], ...['0', '1', '2', '3', '4'].map((g): [string, string] => [g, `KL ${g}`])], imaging.kneeXrayKellgrenLawrence?.toString() ?? '');
  const emg = select('emg', [['', 'Not recorded'], ...EMG_RESULTS.map((r): [string, string] => [r, humanize(r)])], (imaging.emg as string) ?? '');
  const lesions = h('div', { class: 'lesions' });
  const addLesion = (l?: { finding: string; level: string; side: string }) => {
    const row = h('div', { class: 'lesion' },
      field('Lumbar MRI finding', select('lesionFinding', LUMBAR_MRI_FINDINGS.map((f): [string, string] => [f, humanize(f)]), l?.finding)),
      field('Level', select('lesionLevel', ['L2-L3', 'L3-L4', 'L4-L5', 'L5-S1'].map((v): [string, string] => [v, v]), l?.level)),
      field('Side', select('lesionSide', ['left', 'right', 'central', 'bilateral'].map((v): [string, string] => [v, humanize(v)]), l?.side)),
    );
    row.append(h('button', { type: 'button', onclick: () => row.remove() }, 'Remove'));
    lesions.append(row);
  };
  for (const l of (imaging.lumbarMri as Array<{ finding: string; level: string; side: string }> | undefined) ?? []) addLesion(l);
  const note = h('textarea', { name: 'note', rows: 3, maxlength: 10000 }, existing?.note ?? '');

  const form = h('form', { class: 'record-form', 'aria-label': existing ? 'Edit visit' : 'Record a visit' },
    status,
    h('div', { class: 'row' }, field('Date and time', occurredAt), field('Clinic pain (0–10)', clinicPain)),
    h('div', { class: 'findings' }, ...groups),
    h('fieldset', { class: 'findings-group' }, h('legend', {}, 'Imaging and electrodiagnostics'),
      h('div', { class: 'row' }, field('Knee X-ray (Kellgren–Lawrence)', kl), field('EMG/NCS', emg, 'A normal EMG does not rule out mild radiculopathy')),
      lesions, h('button', { type: 'button', onclick: () => addLesion() }, 'Add lumbar MRI finding')),
    field('Note', note),
    h('button', { type: 'submit', class: 'primary' }, existing ? 'Save visit' : 'Record visit'),
  );
  wire(form, status, async () => {
    const data = new FormData(form);
    const out: Record<string, Record<string, string>> = {};
    for (const [group, names] of Object.entries(FINDING_GROUPS)) {
      for (const name of names) {
        const state = data.get(`${group}.${name}`) as string;
        if (state && state !== 'not_assessed') (out[group] ??= {})[name] = state;
      }
    }
    const imagingOut: Record<string, unknown> = {};
    if (out.kneeMri) imagingOut.kneeMri = out.kneeMri;
    delete out.kneeMri;
    if (kl.value) imagingOut.kneeXrayKellgrenLawrence = Number(kl.value);
    if (emg.value) imagingOut.emg = emg.value;
    const lesionRows = [...lesions.querySelectorAll('.lesion')].map((row) => ({
      finding: (row.querySelector('[name=lesionFinding]') as HTMLSelectElement).value,
      level: (row.querySelector('[name=lesionLevel]') as HTMLSelectElement).value,
      side: (row.querySelector('[name=lesionSide]') as HTMLSelectElement).value,
    }));
    if (lesionRows.length) imagingOut.lumbarMri = lesionRows;
    await save({
      occurredAt: localInputToIso(occurredAt.value),
      clinicPain: clinicPain.value === '' ? (existing ? null : undefined) : Number(clinicPain.value),
      findings: { ...out, ...(Object.keys(imagingOut).length ? { imaging: imagingOut } : {}) },
      note: note.value.trim() || (existing ? null : undefined),
    });
  });
  return form;
}

/** Type picker grouped by target; agents and levels appear only where they apply. */
export function interventionForm(types: InterventionType[], existing: Intervention | null, save: (body: Record<string, unknown>) => Promise<void>): HTMLFormElement {
  const status = h('div', { 'aria-live': 'polite' });
  const type = h('select', { name: 'type', required: true, disabled: Boolean(existing) });
  for (const target of ['knee', 'spine', 'systemic'] as const) {
    const group = h('optgroup', { label: `${humanize(target)}${target === 'systemic' ? '' : '-directed'}` });
    for (const t of types.filter((x) => x.target === target)) group.append(h('option', { value: t.type, selected: existing?.type === t.type }, t.label));
    type.append(group);
  }
  const performedAt = h('input', { type: 'datetime-local', name: 'performedAt', required: true, value: existing ? isoToLocalInput(existing.performedAt) : nowLocalInput() });
  const endedAt = h('input', { type: 'datetime-local', name: 'endedAt', value: existing?.endedAt ? isoToLocalInput(existing.endedAt) : '' });
  const laterality = select('laterality', [['', 'Not recorded'], ...LATERALITIES.map((l): [string, string] => [l, humanize(l)])], existing?.laterality ?? '');
  const levels = h('fieldset', { class: 'checks' }, h('legend', {}, 'Spinal levels'),
    ...SPINAL_LEVELS.map((l) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'spinalLevels', value: l, checked: existing?.spinalLevels.includes(l) }), l)));
  const agents = h('fieldset', { class: 'checks' }, h('legend', {}, 'Agents'),
    ...Object.keys(KNOWN_AGENTS).map((a) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'agents', value: a, checked: existing?.agents.includes(a) }), humanize(a))));
  const endedField = field('Course end', endedAt, 'PT and medication courses');
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 10000 }, existing?.note ?? '');

  const info = () => types.find((t) => t.type === type.value);
  const adapt = (resetAgents: boolean) => {
    const t = info();
    levels.hidden = !t?.takesSpinalLevels;
    agents.hidden = t?.kind !== 'injection';
    endedField.hidden = !(t?.kind === 'course' || t?.kind === 'medication');
    if (resetAgents && t) for (const box of agents.querySelectorAll<HTMLInputElement>('input')) box.checked = t.defaultAgents.includes(box.value);
  };
  type.addEventListener('change', () => adapt(true));

  const form = h('form', { class: 'record-form', 'aria-label': existing ? 'Edit intervention' : 'Record an intervention' },
    status, field('Intervention', type), h('div', { class: 'row' }, field('Performed (or course start)', performedAt), endedField, field('Side', laterality)),
    levels, agents, field('Note', note), h('button', { type: 'submit', class: 'primary' }, existing ? 'Save intervention' : 'Record intervention'),
  );
  adapt(!existing);
  wire(form, status, async () => {
    const data = new FormData(form);
    const t = info();
    await save({
      ...(existing ? {} : { type: type.value }),
      performedAt: localInputToIso(performedAt.value),
      ...(endedAt.value && !endedField.hidden ? { endedAt: localInputToIso(endedAt.value) } : {}),
      ...(laterality.value ? { laterality: laterality.value } : {}),
      ...(t?.takesSpinalLevels ? { spinalLevels: data.getAll('spinalLevels') } : {}),
      ...(!agents.hidden ? { agents: data.getAll('agents') } : {}),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    });
  });
  return form;
}

export function scoreForm(save: (body: Record<string, unknown>) => Promise<void>): HTMLFormElement {
  const status = h('div', { 'aria-live': 'polite' });
  const score = select('score', painOptions('Choose…').map(([v, t]): [string, string] => [v, v === '0' ? '0 — no pain' : v === '10' ? '10 — worst imaginable' : t]), '', { required: true });
  const recordedAt = h('input', { type: 'datetime-local', name: 'recordedAt', required: true, value: nowLocalInput() });
  const form = h('form', { class: 'record-form', 'aria-label': 'Record a clinic pain score' },
    status, h('div', { class: 'row' }, field('Knee pain right now (0–10)', score), field('Time', recordedAt)), h('button', { type: 'submit', class: 'primary' }, 'Record score'));
  wire(form, status, async () => {
    await save({ score: Number(score.value), recordedAt: localInputToIso(recordedAt.value), source: 'clinic' });
    score.value = '';
    status.append(alertBox('success', 'Score recorded.'));
  });
  return form;
}

interface ImportResult { dryRun: boolean; total: number; valid: number; duplicates: number; inserted: number; errors: Array<{ row: number; field: string; message: string }>; preview: Array<{ row: number; score: number; recordedAt: string }> }

/** Upload → dry-run preview with per-line errors → import. Re-importing the same file stores nothing twice. */
export function csvImportForm(send: (csv: string, dryRun: boolean) => Promise<ImportResult>, done: () => void): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const file = h('input', { type: 'file', name: 'csv', accept: '.csv,text/csv' });
  const result = h('div');
  let text = '';
  const show = (r: ImportResult) => {
    clear(result);
    result.append(h('p', {}, `${r.total} lines: ${r.valid} valid, ${r.errors.length} problems, ${r.duplicates} already stored.${r.dryRun ? '' : ` ${r.inserted} imported.`}`));
    if (r.errors.length) {
      result.append(h('table', { class: 'data errors' }, h('caption', {}, 'Problems (nothing is imported until they are fixed)'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Line'), h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Problem'))),
        h('tbody', {}, ...r.errors.map((e) => h('tr', {}, h('td', {}, e.row), h('td', {}, e.field), h('td', {}, e.message))))));
    } else if (r.dryRun) {
      result.append(
        h('table', { class: 'data' }, h('caption', {}, 'Preview'), h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Line'), h('th', { scope: 'col' }, 'Time'), h('th', { scope: 'col' }, 'Score'))),
          h('tbody', {}, ...r.preview.map((p) => h('tr', {}, h('td', {}, p.row), h('td', {}, new Date(p.recordedAt).toLocaleString()), h('td', {}, p.score))))),
        h('button', { type: 'button', class: 'primary', onclick: async () => {
          try {
            show(await send(text, false));
            done();
          } catch (error) {
            status.append(alertBox('error', (error as Error).message));
          }
        } }, `Import ${r.valid - r.duplicates} new scores`),
      );
    }
  };
  file.addEventListener('change', async () => {
    clear(status);
    const chosen = file.files?.[0];
    if (!chosen) return;
    text = await chosen.text();
    try {
      show(await send(text, true));
    } catch (error) {
      status.append(alertBox('error', (error as Error).message));
    }
  });
  return h('div', { class: 'record-form' }, status, field('CSV file (columns recordedAt, score)', file, 'Times need an offset, e.g. 2026-10-01T08:00:00-05:00'), result);
}
