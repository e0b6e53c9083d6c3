import { Chart, type ChartConfiguration, type Plugin, registerables } from 'chart.js';
import { h } from '../dom';
import { humanize, shortType } from '../format';
import {
  type AttributionsResponse, isSuppressed, type Interval, type ResponderRatesResponse, type SmsAdherenceResponse, SUPPRESSED_TEXT, type TrajectoryResponse,
  type WaterfallResponse,
} from './analytics-types';

Chart.register(...registerables);

/** Okabe–Ito, as in the clinician views: readable with the common colour-vision deficiencies. */
const INK = '#1a1a1a';
const BLUE = '#0072B2';
const ORANGE = '#D55E00';
const GREEN = '#009E73';
const SKY = '#56B4E9';
const PURPLE = '#CC79A7';
const YELLOW = '#E69F00';
const GREY = '#6B6B6B';
const CLASS_COLOURS: Record<string, string> = { knee: BLUE, spine: ORANGE, mixed: PURPLE, neither: GREY, inconclusive: YELLOW };

declare module 'chart.js' {
  interface PluginOptionsByType<TType> {
    /** Category indices whose value is suppressed: "<11" is written there instead of a bar. */
    suppressedCells?: { indices: number[] };
    /** Written across the plot when no value at all is drawn, so an empty chart says why. */
    emptyMessage?: { text: string };
  }
}

/** A white canvas, so the downloaded PNG is not transparent (black in many viewers). */
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** 95 % CI whiskers for bar datasets carrying `errorBars` (one interval or null per bar). */
const errorBars: Plugin = {
  id: 'errorBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((dataset, i) => {
      const bars = (dataset as { errorBars?: Array<Interval | null> }).errorBars;
      if (!bars) return;
      const meta = chart.getDatasetMeta(i);
      const y = chart.scales.y;
      ctx.save();
      ctx.strokeStyle = INK;
      ctx.lineWidth = 1.5;
      meta.data.forEach((bar, j) => {
        const ci = bars[j];
        if (!ci) return;
        const x = bar.x;
        const top = y.getPixelForValue(ci.high * 100);
        const bottom = y.getPixelForValue(ci.low * 100);
        ctx.beginPath();
        ctx.moveTo(x, top); ctx.lineTo(x, bottom);
        ctx.moveTo(x - 6, top); ctx.lineTo(x + 6, top);
        ctx.moveTo(x - 6, bottom); ctx.lineTo(x + 6, bottom);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};

const suppressedCells: Plugin = {
  id: 'suppressedCells',
  afterDatasetsDraw(chart, _args, options: { indices?: number[] }) {
    const indices = options?.indices ?? [];
    if (indices.length === 0) return;
    const { ctx } = chart;
    const x = chart.scales.x;
    const y = chart.scales.y;
    ctx.save();
    ctx.fillStyle = INK;
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    for (const i of indices) ctx.fillText(SUPPRESSED_TEXT, x.getPixelForValue(i), y.getPixelForValue(0) - 8);
    ctx.restore();
  },
};

const emptyMessage: Plugin = {
  id: 'emptyMessage',
  afterDraw(chart, _args, options: { text?: string }) {
    const drawn = chart.data.datasets.some((d) => (d.data as unknown[]).some((v) => v !== null && (typeof v !== 'object' || (v as { y?: unknown }).y !== null)));
    if (drawn || !options?.text) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.fillStyle = GREY;
    ctx.font = '14px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(options.text, (chartArea.left + chartArea.right) / 2, (chartArea.top + chartArea.bottom) / 2);
    ctx.restore();
  },
};

Chart.register(whiteBackground, errorBars, suppressedCells, emptyMessage);
const ALL_SUPPRESSED = `Every group here has fewer than 11 patients (${SUPPRESSED_TEXT})`;

export interface AnalyticsChart {
  /** The card: title, canvas, PNG link, and a table with the same numbers ("<11" where suppressed). */
  element: HTMLElement;
  destroy(): void;
}

/** A chart card. `points` and `suppressed` are exposed as data attributes for tests and debugging. */
function card(name: string, title: string, config: ChartConfiguration, summary: HTMLElement, stats: { points: number; suppressed: number }, note?: string): AnalyticsChart {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  const download = h('a', { href: '#', class: 'button-link', download: `relieftrace-${name}.png` }, 'Download PNG');
  const element = h('section', { class: 'card analytics-card', 'data-chart': name, 'data-points': stats.points, 'data-suppressed': stats.suppressed, 'aria-labelledby': `${name}-title` },
    h('div', { class: 'card-head' }, h('h2', { id: `${name}-title` }, title), download),
    note ? h('p', { class: 'muted small' }, note) : null,
    h('div', { class: 'chart-box' }, canvas),
    h('details', {}, h('summary', {}, 'Numbers'), summary),
  );
  config.options = { animation: false, maintainAspectRatio: false, ...config.options };
  const chart = new Chart(canvas, config);
  // The data URL is made on click, so it shows the chart as it is now.
  download.addEventListener('click', () => download.setAttribute('href', chart.toBase64Image('image/png')));
  return { element, destroy: () => chart.destroy() };
}

function table(head: string[], rows: Array<Array<string | number>>): HTMLElement {
  return h('table', { class: 'data compact' },
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, String(c)) : h('td', { class: 'num' }, String(c))))))),
  );
}

const cell = (v: unknown, format: (n: number) => string = String) => (isSuppressed(v) ? SUPPRESSED_TEXT : typeof v === 'number' ? format(v) : '—');
const pct = (rate: number) => `${Math.round(rate * 100)} %`;

export function trajectoryChart(data: TrajectoryResponse, subject: string): AnalyticsChart {
  const shownDays = data.days.filter((d) => !isSuppressed(d.mean));
  const point = (pick: (d: (typeof shownDays)[number]) => number | null) => shownDays.map((d) => ({ x: d.day, y: pick(d) }));
  const ci = (d: (typeof shownDays)[number]) => (isSuppressed(d.ci) ? null : d.ci);
  const suppressed = data.days.length - shownDays.length;
  return card('trajectory', `Mean pain by day since ${subject}, with 95 % CI`, {
    type: 'line',
    data: {
      datasets: [
        { label: '95 % CI (low)', data: point((d) => ci(d)?.low ?? null), borderWidth: 0, pointRadius: 0, fill: false },
        { label: '95 % CI', data: point((d) => ci(d)?.high ?? null), borderWidth: 0, pointRadius: 0, backgroundColor: `${BLUE}33`, fill: '-1' },
        { label: 'Mean pain', data: point((d) => d.mean as number), borderColor: BLUE, backgroundColor: BLUE, pointRadius: 2, borderWidth: 2, spanGaps: false },
      ],
    },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', min: -14, max: 90, title: { display: true, text: 'Days since the intervention' }, ticks: { stepSize: 7 } },
        y: { min: 0, max: 10, title: { display: true, text: 'Knee pain (0–10)' } },
      },
      plugins: { legend: { labels: { filter: (item) => item.text !== '95 % CI (low)' } }, emptyMessage: { text: data.days.length ? ALL_SUPPRESSED : 'No pain scores in this selection' } },
    },
  }, table(['Day', 'Patients', 'Mean', '95 % CI'], data.days.map((d) => [d.day, cell(d.patients), cell(d.mean, (n) => n.toFixed(2)),
    isSuppressed(d.ci) ? SUPPRESSED_TEXT : d.ci ? `${d.ci.low.toFixed(2)}–${d.ci.high.toFixed(2)}` : '—'])),
  { points: shownDays.length, suppressed },
  suppressed > 0 ? `${suppressed} day(s) with fewer than 11 patients are left out (${SUPPRESSED_TEXT}).` : undefined);
}

export function responderChart(data: ResponderRatesResponse): AnalyticsChart {
  const items = data.items;
  const hidden = items.flatMap((r, i) => (isSuppressed(r.rate) ? [i] : []));
  return card('responder-rates', 'Responder rate by intervention type, with 95 % CI', {
    type: 'bar',
    data: {
      labels: items.map((r) => shortType(r.interventionType)),
      datasets: [{
        label: 'Responders (%)',
        data: items.map((r) => (isSuppressed(r.rate) ? null : r.rate * 100)),
        backgroundColor: items.map((r) => (r.target === 'spine' ? ORANGE : r.target === 'knee' ? BLUE : GREY)),
        errorBars: items.map((r) => (isSuppressed(r.ci) ? null : r.ci)),
      } as never],
    },
    options: {
      scales: { y: { min: 0, max: 100, title: { display: true, text: 'Responders (%)' } } },
      plugins: { legend: { display: false }, suppressedCells: { indices: hidden }, emptyMessage: { text: items.length ? ALL_SUPPRESSED : 'No assessed interventions in this selection' } },
    },
  }, table(['Type', 'Patients', 'Responders', 'Rate', '95 % CI'], items.map((r) => [r.label, cell(r.patients), cell(r.responders), cell(r.rate, pct),
    isSuppressed(r.ci) ? SUPPRESSED_TEXT : r.ci ? `${pct(r.ci.low)}–${pct(r.ci.high)}` : '—'])),
  { points: items.length - hidden.length, suppressed: hidden.length }, data.definition);
}

export function attributionChart(data: AttributionsResponse): AnalyticsChart {
  const rows = data.byClassification;
  const hidden = rows.flatMap((r, i) => (isSuppressed(r.patients) ? [i] : []));
  const agreement = data.pictureAgreesWithResponse;
  return card('attributions', 'Patients by attribution', {
    type: 'bar',
    data: {
      labels: rows.map((r) => humanize(r.classification)),
      datasets: [{ label: 'Patients', data: rows.map((r) => (isSuppressed(r.patients) ? null : r.patients)), backgroundColor: rows.map((r) => CLASS_COLOURS[r.classification]) }],
    },
    options: {
      scales: { y: { beginAtZero: true, title: { display: true, text: 'Patients' }, ticks: { precision: 0 } } },
      plugins: { legend: { display: false }, suppressedCells: { indices: hidden }, emptyMessage: { text: ALL_SUPPRESSED } },
    },
  }, table(['Attribution', 'Patients'], [...rows.map((r) => [humanize(r.classification), cell(r.patients)]), ['All', cell(data.patients)]]),
  { points: rows.length - hidden.length, suppressed: hidden.length },
  `Clinical picture agrees with the response in ${cell(agreement.agree)} patients, disagrees in ${cell(agreement.disagree)}, not comparable in ${cell(agreement.notComparable)}.`);
}

export function attributionByLeanChart(data: AttributionsResponse): AnalyticsChart {
  const leans = data.byLean.map((l) => l.lean);
  let suppressed = 0;
  let points = 0;
  const datasets = data.byClassificationAndLean.map((row) => ({
    label: humanize(row.classification),
    data: row.cells.map((c) => {
      if (isSuppressed(c.patients)) suppressed++;
      else points++;
      return isSuppressed(c.patients) ? null : c.patients;
    }),
    backgroundColor: CLASS_COLOURS[row.classification],
  }));
  return card('attributions-by-lean', 'Attribution by clinical-picture lean', {
    type: 'bar',
    data: { labels: leans.map((l) => `Picture: ${l}`), datasets },
    options: {
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Patients' } } },
      plugins: {
        suppressedCells: { indices: leans.flatMap((_, j) => (data.byClassificationAndLean.some((r) => isSuppressed(r.cells[j].patients)) ? [j] : [])) },
        emptyMessage: { text: ALL_SUPPRESSED },
      },
    },
  }, table(['Attribution', ...leans.map(humanize)], data.byClassificationAndLean.map((r) => [humanize(r.classification), ...r.cells.map((c) => cell(c.patients))])),
  { points, suppressed }, suppressed > 0 ? `Cells under 11 patients, and cells that would reveal one, are left out (${SUPPRESSED_TEXT} in the table).` : undefined);
}

export function waterfallChart(data: WaterfallResponse): AnalyticsChart {
  const bars = isSuppressed(data.bars) ? [] : data.bars;
  const colour = (category: string) => (['responder', 'positive', 'strongly_positive'].includes(category) ? BLUE : category === 'worse' ? ORANGE : category === 'partial' ? SKY : GREY);
  return card('waterfall', `Change in pain per patient after ${data.label.toLowerCase()}`, {
    type: 'bar',
    data: { labels: bars.map((b) => b.pseudonym), datasets: [{ label: '% change from baseline', data: bars.map((b) => b.changePct), backgroundColor: bars.map((b) => colour(b.category)), minBarLength: 3 }] },
    options: {
      scales: { x: { ticks: { display: bars.length <= 40 } }, y: { title: { display: true, text: '% change from baseline (negative = less pain)' } } },
      plugins: { legend: { display: false }, emptyMessage: { text: isSuppressed(data.bars) ? ALL_SUPPRESSED : 'No assessed patients' } },
    },
  }, isSuppressed(data.bars) ? h('p', {}, `${SUPPRESSED_TEXT} patients: no bars are shown.`) : table(['Pseudonym', '% change', 'Category'], bars.map((b) => [b.pseudonym, b.changePct, humanize(b.category)])),
  { points: bars.length, suppressed: isSuppressed(data.bars) ? 1 : 0 },
  isSuppressed(data.bars) ? `Fewer than 11 patients (${SUPPRESSED_TEXT}) had an assessed ${data.label.toLowerCase()}: no per-patient bars.` : 'Blue: responder or positive block; light blue: partial; grey: no response; orange: worse.');
}

export function smsChart(data: SmsAdherenceResponse): AnalyticsChart {
  const items = data.items;
  const hidden = items.flatMap((r, i) => (isSuppressed(r.rate) ? [i] : []));
  return card('sms-adherence', 'SMS answer rate by prompt step, with 95 % CI', {
    type: 'bar',
    data: {
      labels: items.map((r) => r.step),
      datasets: [{ label: 'Answered (%)', data: items.map((r) => (isSuppressed(r.rate) ? null : r.rate * 100)), backgroundColor: GREEN, errorBars: items.map((r) => (isSuppressed(r.ci) ? null : r.ci)) } as never],
    },
    options: {
      scales: { y: { min: 0, max: 100, title: { display: true, text: 'Prompts answered (%)' } }, x: { title: { display: true, text: 'Prompt step after the intervention' } } },
      plugins: { legend: { display: false }, suppressedCells: { indices: hidden }, emptyMessage: { text: items.length ? ALL_SUPPRESSED : 'No diary prompts were sent in this selection' } },
    },
  }, table(['Step', 'Patients', 'Sent', 'Answered', 'Rate'], items.map((r) => [r.step, cell(r.patients), cell(r.promptsSent), cell(r.promptsAnswered), cell(r.rate, pct)])),
  { points: items.length - hidden.length, suppressed: hidden.length }, items.length === 0 ? 'No diary prompts were sent in this selection.' : data.definition);
}
