import { timedWindowsOf } from './confounding';
import { TIME, type Phase } from './intervention-catalogue';
import type { PainScoreReading } from './pain-score';
import type { InterventionInput } from './patient-evidence';
import { minimumScoresFor } from './response-assessment';
import { median, solveSymmetricPositiveDefinite } from './statistics';

/**
 * One regression over the patient's whole diary instead of one baseline per intervention:
 *
 *   pain(t) = level + trend·t + Σ effect(intervention, phase)·[t in its window] + nuisance terms + noise
 *
 * Fitting everything at once is what lets the engine survive the pitfalls: the level is learnt from
 * every untreated day (not one flare-day baseline), the trend soaks up natural improvement, the
 * placebo days 0–3 get their own nuisance term, and two interventions in one week share the
 * credit by how their windows differ, with a larger standard error where they cannot be told apart.
 * Priors keep it identifiable with few scores (a Bayesian ridge regression); Huber weights keep a
 * single 10/10 flare from moving it.
 */
export interface PhaseEffect {
  interventionId: string;
  phase: Phase;
  n: number;
  /** Estimated pain reduction, NRS points (positive = relief) and its standard error. */
  reliefPoints: number;
  sePoints: number;
  /** Pain the trend line predicts without this phase, the denominator of relief %. */
  counterfactualPain: number;
  reliefPct: number;
  sePct: number;
}

export interface PainModelFit {
  noiseSd: number;
  autocorrelation: number;
  trendPerMonth: number;
  effects: PhaseEffect[];
}

const MONTH_DAYS = 30;
const PRIOR_LEVEL_SD = 3;
const PRIOR_TREND_SD_PER_MONTH = 1;
const PRIOR_EFFECT_SD = 4;
const PRIOR_NUISANCE_SD = 3;
/** Noise prior: 1.5 points (domain.md's default) worth six pseudo-observations — shrinkage for short diaries. */
const PRIOR_NOISE_SD = 1.5;
const PRIOR_NOISE_WEIGHT = 6;
const MIN_NOISE_SD = 0.5;
/** Diary days are autocorrelated; assume 0.3 until enough neighbouring pairs say otherwise. */
const PRIOR_AUTOCORRELATION = 0.3;
const PRIOR_AUTOCORRELATION_WEIGHT = 8;
const MAX_AUTOCORRELATION = 0.8;
const NEIGHBOUR_GAP_MS = 36 * TIME.HOUR;
const HUBER_K = 1.5;
/** Share of the day-to-day noise variance that all scores of one day have in common. */
const SAME_DAY_SHARED_VARIANCE = 0.5;
const IRLS_ROUNDS = 4;
/** Below this the relief % becomes unstable; a patient at 0–1/10 has little relief left to show. */
const MIN_COUNTERFACTUAL_PAIN = 1;
/** Placebo and procedural pain settle within three days. */
const PLACEBO_MS = 3 * TIME.DAY;
/** Phases whose benefit outlasts the window; what follows gets its own term instead of posing as baseline. */
const LASTING_PHASES: readonly Phase[] = ['biologic', 'course', 'surgical'];

interface Column {
  kind: 'level' | 'trend' | 'effect' | 'nuisance';
  priorMean: number;
  priorSd: number;
  covers?: (at: number) => boolean;
  effectOf?: { interventionId: string; phase: Phase; fromAt: number; toAt: number };
}

export function fitPainModel(scores: readonly PainScoreReading[], interventions: readonly InterventionInput[]): PainModelFit | null {
  if (scores.length === 0) return null;
  const origin = Math.min(...interventions.map((intervention) => intervention.performedAt.getTime()), ...scores.map((s) => s.recordedAt.getTime()));
  const observations = [...scores]
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.score - b.score)
    .map((reading) => ({ at: reading.recordedAt.getTime(), y: reading.score }));
  const columns = buildColumns(interventions, median(observations.map((o) => o.y))!).filter(
    (column) => !column.covers || observations.some((o) => column.covers!(o.at)),
  );
  const rows = observations.map((o) => ({
    y: o.y,
    x: columns.map((column) => {
      if (column.kind === 'level') return 1;
      if (column.kind === 'trend') return (o.at - origin) / TIME.DAY / MONTH_DAYS;
      return column.covers!(o.at) ? 1 : 0;
    }),
  }));

  let weights = rows.map(() => 1);
  let noiseSd = PRIOR_NOISE_SD;
  let autocorrelation = PRIOR_AUTOCORRELATION;
  let fit = solve(rows, weights, columns, noiseSd, autocorrelation);
  for (let round = 0; round < IRLS_ROUNDS; round++) {
    const residuals = rows.map((row) => row.y - dot(row.x, fit.solution));
    noiseSd = noiseFrom(residuals, weights, columns.length);
    autocorrelation = autocorrelationFrom(residuals, observations.map((o) => o.at));
    weights = residuals.map((residual) => Math.min(1, (HUBER_K * noiseSd) / Math.max(Math.abs(residual), 1e-9)));
    fit = solve(rows, weights, columns, noiseSd, autocorrelation);
  }

  const trendIndex = columns.findIndex((column) => column.kind === 'trend');
  const effects: PhaseEffect[] = [];
  columns.forEach((column, index) => {
    if (column.kind !== 'effect') return;
    const inWindow = observations.filter((o) => column.covers!(o.at));
    if (inWindow.length < minimumScoresFor(column.effectOf!.phase)) return;
    const meanMonths = inWindow.reduce((sum, o) => sum + (o.at - origin) / TIME.DAY / MONTH_DAYS, 0) / inWindow.length;
    const counterfactualPain = Math.max(MIN_COUNTERFACTUAL_PAIN, fit.solution[0] + fit.solution[trendIndex] * meanMonths);
    const reliefPoints = -fit.solution[index];
    const distinctDays = new Set(inWindow.map((o) => Math.floor((o.at - origin) / TIME.DAY))).size;
    // Scores from the same day share that day's mood and activity: five answers in the hours after a
    // block are closer to one observation than to five. Add the shared part back per distinct day.
    const sePoints = Math.sqrt(fit.inverse[index][index] + (SAME_DAY_SHARED_VARIANCE * noiseSd ** 2) / distinctDays);
    effects.push({
      interventionId: column.effectOf!.interventionId,
      phase: column.effectOf!.phase,
      n: inWindow.length,
      reliefPoints,
      sePoints,
      counterfactualPain,
      reliefPct: (reliefPoints * 100) / counterfactualPain,
      sePct: (sePoints * 100) / counterfactualPain,
    });
  });
  return { noiseSd, autocorrelation, trendPerMonth: fit.solution[trendIndex], effects };
}

function buildColumns(interventions: readonly InterventionInput[], typicalPain: number): Column[] {
  const columns: Column[] = [
    { kind: 'level', priorMean: typicalPain, priorSd: PRIOR_LEVEL_SD },
    { kind: 'trend', priorMean: 0, priorSd: PRIOR_TREND_SD_PER_MONTH },
  ];
  for (const intervention of interventions) {
    const start = intervention.performedAt.getTime();
    const windows = timedWindowsOf(intervention);
    const anaesthetic = windows.find((window) => window.phase === 'anaesthetic');
    const firstLaterWindow = Math.min(...windows.filter((window) => window.phase !== 'anaesthetic').map((window) => window.fromAt));
    const leadInEnd = Math.max(start + PLACEBO_MS, Number.isFinite(firstLaterWindow) ? firstLaterWindow : 0);
    // Placebo days, procedural pain and slow onset: neither baseline nor the response being tested.
    columns.push({
      kind: 'nuisance',
      priorMean: 0,
      priorSd: PRIOR_NUISANCE_SD,
      covers: (at) => at >= start && at < leadInEnd && !(anaesthetic && at >= anaesthetic.fromAt && at <= anaesthetic.toAt),
    });
    for (const window of windows) {
      columns.push({
        kind: 'effect',
        priorMean: 0,
        priorSd: PRIOR_EFFECT_SD,
        covers: (at) => at >= window.fromAt && at <= window.toAt,
        effectOf: { interventionId: intervention.id, phase: window.phase, fromAt: window.fromAt, toAt: window.toAt },
      });
      if (LASTING_PHASES.includes(window.phase)) {
        columns.push({ kind: 'nuisance', priorMean: 0, priorSd: PRIOR_NUISANCE_SD, covers: (at) => at > window.toAt });
      }
    }
  }
  return columns;
}

function solve(rows: { y: number; x: number[] }[], weights: number[], columns: Column[], noiseSd: number, autocorrelation: number) {
  const p = columns.length;
  // Correlated neighbouring days carry less information than independent ones: inflate the noise variance.
  const variance = noiseSd ** 2 * ((1 + autocorrelation) / (1 - autocorrelation));
  const precision = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const rhs = new Array<number>(p).fill(0);
  rows.forEach((row, k) => {
    const w = weights[k] / variance;
    for (let i = 0; i < p; i++) {
      if (row.x[i] === 0) continue;
      rhs[i] += w * row.x[i] * row.y;
      for (let j = 0; j < p; j++) precision[i][j] += w * row.x[i] * row.x[j];
    }
  });
  columns.forEach((column, i) => {
    precision[i][i] += 1 / column.priorSd ** 2;
    rhs[i] += column.priorMean / column.priorSd ** 2;
  });
  return solveSymmetricPositiveDefinite(precision, rhs);
}

function noiseFrom(residuals: number[], weights: number[], parameters: number): number {
  const weighted = residuals.reduce((sum, residual, k) => sum + weights[k] * residual ** 2, 0);
  const freedom = Math.max(0, residuals.length - parameters);
  const variance = (PRIOR_NOISE_WEIGHT * PRIOR_NOISE_SD ** 2 + weighted) / (PRIOR_NOISE_WEIGHT + freedom);
  return Math.max(MIN_NOISE_SD, Math.sqrt(variance));
}

function autocorrelationFrom(residuals: number[], times: number[]): number {
  let products = 0;
  let squares = 0;
  let pairs = 0;
  for (let k = 1; k < residuals.length; k++) {
    if (times[k] - times[k - 1] > NEIGHBOUR_GAP_MS) continue;
    products += residuals[k] * residuals[k - 1];
    squares += (residuals[k] ** 2 + residuals[k - 1] ** 2) / 2;
    pairs++;
  }
  const observed = squares > 0 ? products / squares : PRIOR_AUTOCORRELATION;
  const shrunk = (pairs * observed + PRIOR_AUTOCORRELATION_WEIGHT * PRIOR_AUTOCORRELATION) / (pairs + PRIOR_AUTOCORRELATION_WEIGHT);
  return Math.min(MAX_AUTOCORRELATION, Math.max(0, shrunk));
}

function dot(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * b[i], 0);
}
