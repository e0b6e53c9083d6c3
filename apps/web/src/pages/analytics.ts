import { get, type Me, newestLoadOnly } from '../api';
import { alertBox, clear, field, h, select } from '../dom';
import { shortType } from '../format';
import { type AnalyticsChart, attributionByLeanChart, attributionChart, responderChart, smsChart, trajectoryChart, waterfallChart } from '../analytics/analytics-charts';
import { exportButton } from '../analytics/analytics-export';
import { isSuppressed, type AttributionsResponse, type ResponderRatesResponse, type SmsAdherenceResponse, type TrajectoryResponse, type WaterfallResponse } from '../analytics/analytics-types';
import type { InterventionType } from '../types';

const FILTERS = ['interventionType', 'target', 'attribution', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

let charts: AnalyticsChart[] = [];

/** The filters live in the URL (?interventionType=…&from=2026-01), so a view can be bookmarked and shared. */
function filtersFromUrl(): Filters {
  const params = new URLSearchParams(location.search);
  return Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
}

const queryOf = (filters: Filters) => new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as Array<[string, string]>).toString();

export async function renderAnalytics(main: HTMLElement, me: Me): Promise<void> {
  clear(main);
  document.title = 'Cohort analytics — ReliefTrace';
  if (me.role !== 'analyst') {
    main.append(h('h1', {}, 'Cohort analytics'), alertBox('info', 'The de-identified cohort analytics are open to analysts only.'));
    return;
  }
  const types = (await get<{ items: InterventionType[] }>('/api/v1/intervention-types').catch(() => ({ items: [] as InterventionType[] }))).items;
  const filters = filtersFromUrl();
  const form = h('form', { class: 'toolbar analytics-filters', role: 'search', 'aria-label': 'Cohort filters' },
    field('Intervention type', select('interventionType', [['', 'All types'], ...types.map((t): [string, string] => [t.type, t.label])], filters.interventionType)),
    field('Target', select('target', [['', 'All targets'], ['knee', 'Knee'], ['spine', 'Spine'], ['systemic', 'Systemic']], filters.target)),
    field('Attribution', select('attribution', [['', 'All classes'], ...['knee', 'spine', 'mixed', 'neither', 'inconclusive'].map((c): [string, string] => [c, c])], filters.attribution)),
    field('Enrolled from', h('input', { type: 'month', name: 'from', value: filters.from ?? '' })),
    field('Enrolled to', h('input', { type: 'month', name: 'to', value: filters.to ?? '' })),
  );
  const grid = h('div', { class: 'analytics-grid', 'aria-live': 'polite' });
  const exports = h('section', { class: 'card', 'aria-labelledby': 'exports-title' },
    h('h2', { id: 'exports-title' }, 'Exports'),
    h('p', { class: 'muted small' }, 'De-identified, for the current filters: pseudonyms and days relative to the intervention only. A selection of fewer than 11 patients cannot be exported.'),
    exportButton('Download cohort.csv', () => `/api/v1/exports/cohort.csv?${queryOf(filtersFromUrl())}`, 'relieftrace-cohort.csv', (line) => line.trim() !== '' && !line.startsWith('pseudonym,')),
    exportButton('Download FHIR R4 Bundle', () => `/api/v1/exports/fhir?${queryOf(filtersFromUrl())}`, 'relieftrace-cohort.fhir.json', (line) => line.includes('"fullUrl"')),
  );
  main.append(
    h('h1', {}, 'Cohort analytics'),
    h('p', { class: 'muted' }, 'De-identified by construction: pseudonyms and days relative to the intervention; any group of fewer than 11 patients shows as "<11".'),
    form, grid, exports,
  );

  const startLoad = newestLoadOnly();
  const load = async () => {
    const stillNewest = startLoad();
    const current = filtersFromUrl();
    const q = queryOf(current);
    const [trajectory, rates, attributions, sms] = await Promise.all([
      get<TrajectoryResponse>(`/api/v1/analytics/trajectory?${q}`),
      get<ResponderRatesResponse>(`/api/v1/analytics/responder-rates?${q}`),
      get<AttributionsResponse>(`/api/v1/analytics/attributions?${q}`),
      get<SmsAdherenceResponse>(`/api/v1/analytics/sms-adherence?${q}`),
    ]);
    // The waterfall needs one type: the filtered one, else the type with the most assessed patients.
    const waterfallType = current.interventionType ?? largestType(rates);
    const waterfall = waterfallType
      ? await get<WaterfallResponse>(`/api/v1/analytics/waterfall?${queryOf({ ...current, interventionType: waterfallType })}`)
      : null;
    if (!stillNewest()) return;
    for (const chart of charts) chart.destroy();
    clear(grid);
    const subject = current.interventionType ? shortType(current.interventionType).toLowerCase() : current.target ? `${current.target}-directed care` : 'the intervention';
    charts = [trajectoryChart(trajectory, subject), responderChart(rates), attributionChart(attributions), attributionByLeanChart(attributions), smsChart(sms)];
    if (waterfall) charts.splice(2, 0, waterfallChart(waterfall));
    grid.append(...charts.map((c) => c.element));
    grid.dataset.query = q;
  };

  form.addEventListener('change', () => {
    const data = new FormData(form);
    const next: Filters = Object.fromEntries(FILTERS.flatMap((k) => (data.get(k) ? [[k, String(data.get(k))]] : [])));
    const q = queryOf(next);
    history.pushState(null, '', q ? `/analytics?${q}` : '/analytics');
    void load().catch((error: Error) => grid.replaceChildren(alertBox('error', error.message)));
  });
  try {
    await load();
  } catch (error) {
    grid.replaceChildren(alertBox('error', (error as Error).message));
  }
}

function largestType(rates: ResponderRatesResponse): string | undefined {
  const sized = rates.items.filter((r) => !isSuppressed(r.patients)) as Array<{ interventionType: string; patients: number }>;
  return sized.sort((a, b) => b.patients - a.patients)[0]?.interventionType ?? rates.items[0]?.interventionType;
}
