import { ApiError, get, type Me, newestLoadOnly } from '../api';
import { alertBox, clear, field, h, select } from '../dom';
import { localInputToIso } from '../format';

interface AuditEntry {
  id: string; occurredAt: string; actorUserId: string | null; actorEmail: string | null; actorKind: string; action: string;
  resourceType: string; resourceId: string | null; patientId: string | null; requestId: string | null; details: Record<string, unknown>;
  seq: string | null; hash: string | null;
}
interface User { id: string; name: string; email: string; role: string }

const FILTERS = ['patientId', 'actorUserId', 'action', 'from', 'to'] as const;

/** The audit trail for administrators: filters, newest-first table with paging, and a CSV export of the same filters. */
export async function renderAudit(main: HTMLElement, me: Me): Promise<void> {
  clear(main);
  document.title = 'Audit trail — ReliefTrace';
  main.append(h('h1', {}, 'Audit trail'));
  if (me.role !== 'admin') return void main.append(alertBox('error', 'This page is for administrators.'));
  main.append(h('p', { class: 'muted' },
    'Every read and change of patient data, newest first. Rows are append-only and sealed into a keyed hash chain within seconds; ',
    'run npm run audit:verify on the server to check the chain. Viewing or exporting this page is itself recorded.'));

  const users = await get<{ items: User[] }>('/api/v1/users').catch(() => ({ items: [] as User[] }));
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'record-form', role: 'search', 'aria-label': 'Filter the audit trail' },
    h('div', { class: 'row' },
      field('Patient id', h('input', { name: 'patientId', pattern: '[0-9a-fA-F-]{36}', size: 38, placeholder: 'UUID' })),
      field('Actor', select('actorUserId', [['', 'Anyone'], ...users.items.map((u): [string, string] => [u.id, `${u.name} (${u.role})`])])),
      field('Action', h('input', { name: 'action', maxlength: 100, placeholder: 'patient.read or patient.*' })),
      field('From', h('input', { name: 'from', type: 'datetime-local' })),
      field('To', h('input', { name: 'to', type: 'datetime-local' }))),
    h('button', { type: 'submit', class: 'primary' }, 'Show'));
  const exportLink = h('a', { href: '/api/v1/audit/export.csv', download: '' }, 'Export these rows as CSV');
  const body = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true }, 'Load older entries');
  const table = h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, 'Audit trail entries'),
    h('thead', {}, h('tr', {}, ...['Time', 'Actor', 'Action', 'Resource', 'Patient', 'Details', 'Chain'].map((t) => h('th', { scope: 'col' }, t)))),
    body);
  main.append(h('section', { class: 'card' }, form, h('p', {}, exportLink)), status, h('section', { class: 'card' }, table, h('p', {}, more)));

  let cursor: string | null = null;
  let params = new URLSearchParams();
  const startLoad = newestLoadOnly();
  const load = async (reset: boolean) => {
    const current = startLoad();
    clear(status);
    if (reset) {
      params = filtersOf(new FormData(form));
      cursor = null;
      clear(body);
      exportLink.setAttribute('href', `/api/v1/audit/export.csv${params.toString() ? `?${params}` : ''}`);
    }
    const query = new URLSearchParams(params);
    query.set('limit', '100');
    if (cursor) query.set('cursor', cursor);
    try {
      const page = await get<{ items: AuditEntry[]; nextCursor: string | null }>(`/api/v1/audit?${query}`);
      if (!current()) return;
      body.append(...page.items.map(row));
      if (reset && page.items.length === 0) body.append(h('tr', {}, h('td', { colspan: 7 }, 'No entries match.')));
      cursor = page.nextCursor;
      more.hidden = !cursor;
    } catch (error) {
      if (!current()) return;
      status.append(alertBox('error', error instanceof ApiError ? error.message : 'Could not load the audit trail.'));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(true);
  });
  more.addEventListener('click', () => void load(false));
  await load(true);
}

function filtersOf(data: FormData): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = String(data.get(name) ?? '').trim();
    if (!value) continue;
    params.set(name, name === 'from' || name === 'to' ? localInputToIso(value) : value);
  }
  return params;
}

function row(e: AuditEntry): HTMLTableRowElement {
  const details = Object.entries(e.details).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`).join('; ');
  return h('tr', {},
    h('td', {}, h('time', { datetime: e.occurredAt }, new Date(e.occurredAt).toLocaleString())),
    h('td', {}, e.actorEmail ?? e.actorUserId ?? '—', h('br'), h('small', { class: 'muted' }, e.actorKind)),
    h('td', {}, h('code', {}, e.action)),
    h('td', {}, e.resourceType, e.resourceId ? h('small', { class: 'muted' }, ` ${e.resourceId}`) : null),
    h('td', { class: 'small' }, e.patientId ?? '—'),
    h('td', { class: 'small' }, details || '—'),
    h('td', { class: 'small' }, e.seq ? h('span', { title: e.hash ?? '' }, `#${e.seq}`) : h('span', { class: 'muted' }, 'sealing…')));
}
