import './styles.css';
import { get, post, whenSessionExpires, type Me } from './api';
import { clear, h } from './dom';
import { renderAdmin } from './pages/admin';
import { renderAnalytics } from './pages/analytics';
import { renderAudit } from './pages/audit';
import { renderLogin } from './pages/login';
import { renderPatient } from './pages/patient';
import { renderPatients } from './pages/patients';

const main = document.getElementById('main')!;
const topbar = document.getElementById('topbar')!;
let me: Me | null = null;

export function navigate(path: string): void {
  history.pushState(null, '', path);
  void route();
}

function renderTopbar(): void {
  clear(topbar);
  topbar.append(h('a', { href: '/patients', class: 'brand', 'data-link': true }, 'ReliefTrace'));
  if (!me) return;
  const nav = h('nav', { 'aria-label': 'Main' });
  if (me.role === 'clinician') nav.append(h('a', { href: '/patients', 'data-link': true }, 'Patients'));
  if (me.role === 'admin') nav.append(h('a', { href: '/admin', 'data-link': true }, 'Users & care teams'));
  if (me.role === 'analyst') nav.append(h('a', { href: '/analytics', 'data-link': true }, 'Cohort analytics'));
  if (me.role === 'admin') nav.append(h('a', { href: '/admin/audit', 'data-link': true }, 'Audit trail'));
  nav.append(
    h('span', { class: 'who' }, `${me.name} (${me.role})`),
    h('button', { type: 'button', class: 'link-button', onclick: () => void signOut() }, 'Sign out'),
  );
  topbar.append(nav);
}

async function signOut(): Promise<void> {
  await post('/api/v1/auth/logout', {}).catch(() => undefined);
  me = null;
  navigate('/login');
}

/**
 * Each navigation renders into a container of its own: a page still loading when the user moves on keeps writing
 * into its detached container instead of appending its late rows to the next page.
 */
function freshPage(): HTMLElement {
  const page = h('div', {});
  main.replaceChildren(page);
  return page;
}

async function route(): Promise<void> {
  const path = location.pathname;
  const main = freshPage();
  if (path === '/login') {
    me = null;
    renderTopbar();
    return renderLogin(main, new URLSearchParams(location.search).has('expired'), async () => {
      me = await get<Me>('/api/v1/auth/me');
      navigate(me.role === 'admin' ? '/admin' : me.role === 'analyst' ? '/analytics' : '/patients');
    });
  }
  if (!me) {
    try {
      me = await get<Me>('/api/v1/auth/me');
    } catch {
      return navigate('/login');
    }
  }
  renderTopbar();
  const patient = /^\/patients\/([0-9a-f-]{36})$/.exec(path);
  if (patient) return renderPatient(main, patient[1], me);
  if (path === '/admin') return renderAdmin(main, me);
  if (path === '/analytics') return renderAnalytics(main, me);
  if (path === '/admin/audit') return renderAudit(main, me);
  if (path === '/patients' || path === '/') return renderPatients(main, me);
  clear(main);
  main.append(h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '/patients', 'data-link': true }, 'Back to the patient list')));
}

whenSessionExpires(() => {
  me = null;
  history.replaceState(null, '', '/login?expired=1');
  void route();
});

document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest('a[data-link]');
  if (!link || (event as MouseEvent).ctrlKey || (event as MouseEvent).metaKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href')!);
});
window.addEventListener('popstate', () => void route());
void route();
