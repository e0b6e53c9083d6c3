import { ApiError, get, post } from '../api';
import { alertBox, clear, h } from '../dom';

interface DeadLetter { queue: string; jobId: string; name: string; attemptsMade: number; failedReason: string; failedAt: string | null; ids: Record<string, string> }

/** "Failed jobs": background jobs that failed after all their attempts, each with a Retry button. Ids only. */
export function failedJobsSection(): HTMLElement {
  const body = h('div', { 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  const section = h('section', { class: 'card', 'aria-labelledby': 'failed-jobs-title' },
    h('h2', { id: 'failed-jobs-title' }, 'Failed jobs'),
    h('p', { class: 'hint' }, 'Background jobs that failed after all their retries. Retry one once its cause is fixed (for example Postgres or the SMS provider is back).'),
    body);
  void load(body);
  return section;
}

async function load(body: HTMLElement): Promise<void> {
  let items: DeadLetter[];
  try {
    ({ items } = await get<{ items: DeadLetter[] }>('/api/v1/admin/jobs/failed'));
  } catch (error) {
    clear(body);
    body.append(alertBox('error', error instanceof ApiError ? error.message : 'Could not load the failed jobs.'));
    return;
  }
  clear(body);
  if (items.length === 0) return void body.append(h('p', {}, 'No failed jobs.'));
  const status = h('div', { 'aria-live': 'polite' });
  body.append(status, h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, ...['Job', 'Queue', 'Ids', 'Attempts', 'Failed at', 'Last error', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...items.map((job) => row(job, status, () => void load(body))))));
}

function row(job: DeadLetter, status: HTMLElement, reload: () => void): HTMLTableRowElement {
  const button = h('button', { type: 'button', 'aria-label': `Retry job ${job.jobId}` }, 'Retry');
  button.addEventListener('click', async () => {
    button.disabled = true;
    clear(status);
    try {
      await post(`/api/v1/admin/jobs/${encodeURIComponent(job.queue)}/${encodeURIComponent(job.jobId)}/retry`, {});
      status.append(alertBox('success', `Job ${job.jobId} queued again.`));
      reload();
    } catch (error) {
      button.disabled = false;
      status.append(alertBox('error', error instanceof ApiError ? error.message : 'Could not retry the job.'));
    }
  });
  const ids = Object.entries(job.ids).map(([k, v]) => `${k} ${v}`).join(', ') || '—';
  return h('tr', {},
    h('th', { scope: 'row' }, `${job.name} (${job.jobId})`), h('td', {}, job.queue), h('td', {}, ids), h('td', {}, job.attemptsMade),
    h('td', {}, job.failedAt ? new Date(job.failedAt).toLocaleString() : '—'), h('td', {}, job.failedReason), h('td', {}, button));
}
