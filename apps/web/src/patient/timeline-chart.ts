import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import 'chartjs-adapter-date-fns';
import annotationPlugin, { type AnnotationOptions } from 'chartjs-plugin-annotation';
import { h } from '../dom';
import { humanize, shortType, TARGET_COLOURS } from '../format';
import type { Assessment, Intervention, PainScore } from '../types';

Chart.register(...registerables, annotationPlugin);

/** Each source its own marker shape, so clinic, SMS link and SMS reply scores read apart without colour. */
const SOURCES: Array<{ source: string; label: string; pointStyle: 'rect' | 'circle' | 'triangle' | 'crossRot'; colour: string }> = [
  { source: 'clinic', label: 'Clinic', pointStyle: 'rect', colour: '#000000' },
  { source: 'sms_link', label: 'SMS link', pointStyle: 'circle', colour: '#009E73' },
  { source: 'sms_reply', label: 'SMS reply', pointStyle: 'triangle', colour: '#CC79A7' },
  { source: 'api', label: 'Entered / API', pointStyle: 'crossRot', colour: '#56B4E9' },
  { source: 'import', label: 'Imported', pointStyle: 'crossRot', colour: '#E69F00' },
];

export interface TimelineChart {
  element: HTMLElement;
  zoomTo(from: number, to: number): void;
  showAll(): void;
  focusIntervention(id: string): void;
  destroy(): void;
}

export function timelineChart(scores: PainScore[], interventions: Intervention[], assessments: Assessment[]): TimelineChart {
  const canvas = h('canvas', { role: 'img', 'aria-label': `Pain scores over time with ${interventions.length} interventions marked` });
  const zoomBar = h('div', { class: 'zoom-bar', role: 'group', 'aria-label': 'Chart range' });
  const element = h('div', { class: 'chart-wrap' }, zoomBar, h('div', { class: 'chart-box' }, canvas));
  const byId = new Map(assessments.map((a) => [a.interventionId, a]));

  const annotations: Record<string, AnnotationOptions> = {};
  for (const [index, i] of interventions.entries()) {
    const colour = TARGET_COLOURS[i.target];
    const a = byId.get(i.id);
    for (const [n, w] of (a?.windows ?? []).entries()) {
      annotations[`window-${i.id}-${n}`] = {
        type: 'box', xMin: Date.parse(w.from), xMax: Date.parse(w.to), backgroundColor: `${colour}1f`, borderWidth: 0, drawTime: 'beforeDatasetsDraw',
      };
    }
    if (a?.baseline) {
      annotations[`baseline-${i.id}`] = {
        type: 'line', xMin: Date.parse(i.performedAt) - 14 * 86_400_000, xMax: Date.parse(i.performedAt), yMin: a.baseline.value, yMax: a.baseline.value,
        borderColor: colour, borderDash: [6, 4], borderWidth: 2,
        label: { display: false, content: `baseline ${a.baseline.value}` },
      };
    }
    annotations[`marker-${i.id}`] = {
      type: 'line', xMin: Date.parse(i.performedAt), xMax: Date.parse(i.performedAt), borderColor: colour, borderWidth: 2,
      // Staggered heights keep the labels of interventions a few days apart from covering each other.
      label: {
        display: true, content: `${shortType(i.type)}${i.spinalLevels.length ? ` ${i.spinalLevels.join(',')}` : ''}`, position: 'start', yAdjust: 8 + (index % 3) * 22,
        backgroundColor: colour, color: '#fff', font: { size: 11 },
      },
    };
  }

  const datasets = SOURCES.map((s) => ({
    label: s.label,
    data: scores.filter((p) => p.source === s.source).map((p) => ({ x: Date.parse(p.recordedAt), y: p.score })),
    pointStyle: s.pointStyle,
    pointRadius: s.source === 'clinic' ? 5 : 3.5,
    backgroundColor: s.colour,
    borderColor: s.colour,
    showLine: false,
  })).filter((d) => d.data.length > 0);
  const trend = { label: 'All scores', data: scores.map((p) => ({ x: Date.parse(p.recordedAt), y: p.score })), showLine: true, borderColor: '#444', borderWidth: 1, pointRadius: 0, tension: 0 };

  const config: ChartConfiguration<'scatter'> = {
    type: 'scatter',
    data: { datasets: [trend, ...datasets] as never },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: { type: 'time', time: { tooltipFormat: 'PPpp' }, title: { display: true, text: 'Date' } },
        y: { min: 0, max: 10, ticks: { stepSize: 1 }, title: { display: true, text: 'Knee pain (0–10)' } },
      },
      plugins: {
        legend: { labels: { usePointStyle: true, filter: (item) => item.text !== 'All scores' } },
        annotation: { annotations },
      },
    },
  };
  const chart = new Chart(canvas, config);
  // Read by the browser tests and handy when debugging: what the chart actually drew.
  element.dataset.interventionMarkers = String(Object.keys(annotations).filter((k) => k.startsWith('marker-')).length);
  element.dataset.scorePoints = String(scores.length);

  const zoomTo = (from: number, to: number) => {
    chart.options.scales!.x!.min = from;
    chart.options.scales!.x!.max = to;
    chart.update();
  };
  const showAll = () => {
    delete chart.options.scales!.x!.min;
    delete chart.options.scales!.x!.max;
    chart.update();
  };
  zoomBar.append(h('button', { type: 'button', onclick: showAll }, 'Whole history'));
  for (const i of interventions.filter((x) => byId.get(x.id)?.diagnostic)) {
    const t = Date.parse(i.performedAt);
    zoomBar.append(h('button', { type: 'button', onclick: () => zoomTo(t - 2 * 3_600_000, t + 8 * 3_600_000) }, `Hours after ${shortType(i.type).toLowerCase()} (${new Date(t).toLocaleDateString()})`));
  }
  return {
    element,
    zoomTo,
    showAll,
    focusIntervention(id) {
      const i = interventions.find((x) => x.id === id);
      if (!i) return;
      const t = Date.parse(i.performedAt);
      const diagnostic = byId.get(id)?.diagnostic;
      zoomTo(t - (diagnostic ? 2 * 3_600_000 : 16 * 86_400_000), t + (diagnostic ? 8 * 3_600_000 : 50 * 86_400_000));
      element.scrollIntoView({ behavior: 'smooth', block: 'center' });
    },
    destroy: () => chart.destroy(),
  };
}
