import { get, type Me, newestLoadOnly } from '../api';
import { alertBox, clear, field, h } from '../dom';
import { date, shortClassification } from '../format';
import type { Patient } from '../types';

export async function renderPatients(main: HTMLElement, me: Me): Promise<void> {
  clear(main);
  document.title = 'Patients — ReliefTrace';
  if (me.role !== 'clinician') {
    main.append(h('h1', {}, 'Patients'), alertBox('info', 'Patient records are open to clinicians of the patient\'s care team only.'));
    return;
  }
  const search = h('input', { type: 'search', name: 'search', placeholder: 'Name, MRN or pseudonym', autocomplete: 'off' });
  const results = h('div', { 'aria-live': 'polite' });
  main.append(h('h1', {}, 'Patients'), h('div', { class: 'toolbar', role: 'search' }, field('Find a patient', search)), results);

  let timer: number | undefined;
  const startLoad = newestLoadOnly();
  const load = async () => {
    const current = startLoad();
    const query = new URLSearchParams({ limit: '100' });
    if (search.value.trim()) query.set('search', search.value.trim());
    const page = await get<{ items: Patient[] }>(`/api/v1/patients?${query}`);
    if (!current()) return;
    clear(results);
    if (page.items.length === 0) return results.append(h('p', {}, 'No patients match.'));
    results.append(patientTable(page.items));
  };
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void load(), 200);
  });
  await load();
  search.focus();
}

function patientTable(patients: Patient[]): HTMLElement {
  const rows = patients.map((p) => {
    const s = p.summary;
    return h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `/patients/${p.id}`, 'data-link': true }, `${p.familyName}, ${p.givenName}`)),
      h('td', {}, p.mrn ?? '—'),
      h('td', {}, p.pseudonym),
      h('td', { class: 'num' }, s?.lastScore ?? '—', s?.lastScoreAt ? h('small', { class: 'muted' }, ` ${date(s.lastScoreAt)}`) : null),
      h('td', { class: 'num' }, s?.daysSinceLastIntervention ?? '—'),
      h('td', {}, h('span', { class: `badge badge-${s?.classification ?? 'none'}` }, shortClassification(s?.classification, s?.probability))),
      h('td', { class: 'num' }, s ? s.unansweredPrompts : '—'),
    );
  });
  return h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, 'Patients of your care teams'),
    h('thead', {}, h('tr', {}, ...['Patient', 'MRN', 'Pseudonym', 'Last score', 'Days since intervention', 'Pain tracks', 'Prompts unanswered'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows),
  );
}
