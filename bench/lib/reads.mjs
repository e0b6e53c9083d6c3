// Read paths at scale: the analyst's aggregate views with a few filter combinations, and the clinician's
// patient page (the requests apps/web/src/pages/patient.ts makes, in parallel, as the browser does).
import { performance } from 'node:perf_hooks';
import { summarize } from './util.mjs';

/** The filter combinations every analytics endpoint is asked with. */
export function analyticsFilters(months) {
  const [from, to] = [months[Math.floor(months.length / 4)], months[Math.floor((months.length * 3) / 4)]];
  return [
    {},
    { interventionType: 'knee_anesthetic_injection' },
    { target: 'spine' },
    { attribution: 'knee' },
    { from, to },
    { interventionType: 'transforaminal_esi', attribution: 'spine', from },
  ];
}

export const ANALYTICS_ENDPOINTS = ['trajectory', 'responder-rates', 'attributions'];

/** Each endpoint × filter `rounds` times, one request at a time; the first round of each pair is reported apart (cold). */
export async function measureAnalytics(client, token, filters, rounds) {
  const perEndpoint = Object.fromEntries(ANALYTICS_ENDPOINTS.map((e) => [e, []]));
  const first = [];
  const all = [];
  const slowest = [];
  for (let round = 0; round < rounds; round++) {
    for (const endpoint of ANALYTICS_ENDPOINTS) {
      for (const filter of filters) {
        const path = `/api/v1/analytics/${endpoint}?${new URLSearchParams(filter)}`;
        const t = performance.now();
        const res = await client.request('GET', path, { token });
        const ms = performance.now() - t;
        if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
        (round === 0 ? first : all).push(ms);
        perEndpoint[endpoint].push(ms);
        slowest.push({ path, ms: Math.round(ms * 10) / 10 });
      }
    }
  }
  slowest.sort((a, b) => b.ms - a.ms);
  return {
    rounds, filters, requests: first.length + all.length,
    allMs: summarize([...first, ...all]),
    firstRoundMs: summarize(first),
    laterRoundsMs: summarize(all),
    perEndpointMs: Object.fromEntries(Object.entries(perEndpoint).map(([k, v]) => [k, summarize(v)])),
    slowest: slowest.slice(0, 5),
  };
}

/** What the patient page loads (apps/web/src/pages/patient.ts `load`), all at once. */
export const TIMELINE_REQUESTS = (id) => ({
  patient: `/api/v1/patients/${id}`,
  'pain-scores': `/api/v1/patients/${id}/pain-scores`,
  interventions: `/api/v1/patients/${id}/interventions`,
  visits: `/api/v1/patients/${id}/visits`,
  attribution: `/api/v1/patients/${id}/attribution`,
  responses: `/api/v1/patients/${id}/responses`,
  'intervention-types': '/api/v1/intervention-types',
});

/** `pages`: [{ token, patientId }]; one page at a time, its requests in parallel; page time = the slowest of them. */
export async function measureTimeline(client, pages) {
  const page = [];
  const perRequest = {};
  let scores = 0;
  for (const { token, patientId } of pages) {
    const t = performance.now();
    const results = await Promise.all(Object.entries(TIMELINE_REQUESTS(patientId)).map(async ([name, path]) => {
      const s = performance.now();
      const res = await client.request('GET', path, { token });
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      (perRequest[name] ??= []).push(performance.now() - s);
      return [name, res.body];
    }));
    page.push(performance.now() - t);
    scores += Object.fromEntries(results)['pain-scores'].items.length;
  }
  return {
    pages: pages.length,
    meanScoresPerPage: scores / pages.length,
    pageMs: summarize(page),
    perRequestMs: Object.fromEntries(Object.entries(perRequest).map(([k, v]) => [k, summarize(v)])),
  };
}
