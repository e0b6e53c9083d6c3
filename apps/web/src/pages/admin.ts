import { ApiError, get, post, type Me } from '../api';
import { alertBox, clear, field, h, select } from '../dom';
import { failedJobsSection } from './admin-failed-jobs';

interface User { id: string; email: string; name: string; role: string; careTeamIds: string[] }
interface Team { id: string; name: string; memberIds: string[] }

export async function renderAdmin(main: HTMLElement, me: Me): Promise<void> {
  clear(main);
  document.title = 'Users & care teams — ReliefTrace';
  main.append(h('h1', {}, 'Users and care teams'));
  if (me.role !== 'admin') return void main.append(alertBox('error', 'This page is for administrators.'));
  const [users, teams] = await Promise.all([get<{ items: User[] }>('/api/v1/users'), get<{ items: Team[] }>('/api/v1/care-teams')]);
  const teamName = new Map(teams.items.map((t) => [t.id, t.name]));
  const userName = new Map(users.items.map((u) => [u.id, u.name]));
  const again = () => void renderAdmin(main, me);

  main.append(
    h('section', { class: 'card' }, h('h2', {}, 'Users'),
      h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ...['Name', 'E-mail', 'Role', 'Care teams'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...users.items.map((u) => h('tr', {}, h('th', { scope: 'row' }, u.name), h('td', {}, u.email), h('td', {}, u.role), h('td', {}, u.careTeamIds.map((id) => teamName.get(id) ?? id).join(', ') || '—'))))),
      newUserForm(teams.items, again)),
    h('section', { class: 'card' }, h('h2', {}, 'Care teams'),
      h('ul', { class: 'records' }, ...teams.items.map((t) => h('li', {}, h('strong', {}, t.name), ` — ${t.memberIds.map((id) => userName.get(id) ?? id).join(', ') || 'no members'}`))),
      newTeamForm(again), addMemberForm(users.items, teams.items, again)),
  );
  main.append(failedJobsSection());
}

function form(label: string, status: HTMLElement, children: HTMLElement[], submit: string, send: (data: FormData) => Promise<unknown>, done: () => void): HTMLFormElement {
  const el = h('form', { class: 'record-form', 'aria-label': label }, h('h3', {}, label), status, ...children, h('button', { type: 'submit', class: 'primary' }, submit));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    try {
      await send(new FormData(el));
      done();
    } catch (error) {
      status.append(alertBox('error', error instanceof ApiError ? error.message : 'Could not save.'));
    }
  });
  return el;
}

function newUserForm(teams: Team[], done: () => void): HTMLFormElement {
  const teamBox = h('select', { name: 'careTeamIds', multiple: true, size: Math.min(5, Math.max(2, teams.length)) });
  for (const t of teams) teamBox.append(h('option', { value: t.id }, t.name));
  return form('Add a user', h('div', { 'aria-live': 'polite' }), [
    h('div', { class: 'row' },
      field('Name', h('input', { name: 'name', required: true, maxlength: 200 })),
      field('E-mail', h('input', { name: 'email', type: 'email', required: true })),
      field('Role', select('role', [['clinician', 'Clinician'], ['analyst', 'Analyst'], ['admin', 'Admin']]))),
    h('div', { class: 'row' },
      field('Initial password', h('input', { name: 'password', type: 'password', required: true, minlength: 12, autocomplete: 'new-password' }), 'At least 12 characters'),
      field('Care teams', teamBox, 'A clinician without one gets a team of their own')),
  ], 'Add user', (d) => post('/api/v1/users', {
    name: d.get('name'), email: d.get('email'), role: d.get('role'), password: d.get('password'), careTeamIds: d.getAll('careTeamIds'),
  }), done);
}

function newTeamForm(done: () => void): HTMLFormElement {
  return form('Add a care team', h('div', { 'aria-live': 'polite' }), [field('Team name', h('input', { name: 'name', required: true, maxlength: 200 }))], 'Add team',
    (d) => post('/api/v1/care-teams', { name: d.get('name') }), done);
}

function addMemberForm(users: User[], teams: Team[], done: () => void): HTMLFormElement {
  return form('Add a member to a team', h('div', { 'aria-live': 'polite' }), [h('div', { class: 'row' },
    field('Team', select('team', teams.map((t): [string, string] => [t.id, t.name]))),
    field('User', select('user', users.map((u): [string, string] => [u.id, `${u.name} (${u.role})`]))))],
    'Add member', (d) => post(`/api/v1/care-teams/${d.get('team')}/members`, { userId: d.get('user') }), done);
}
