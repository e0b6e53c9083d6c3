import { PAIN_SOURCES, type PainSource } from '../../libs/domain/src/attribution';
import { DAY_MS, EPOCH, PLACEBO_RESPONDER_RATE, RESPONSE_RATE, placeboProfile, profile, type EffectKind, type SyntheticPatient } from './synthetic-cohort';

/**
 * The ceiling: a classifier that reads the diary with the generator's own model (docs/inference.md §3.3).
 *
 * It knows every per-patient draw that does not depend on the source — the untreated pain curve (level,
 * trend, flare days), the noise SD and day-to-day autocorrelation, each procedure's placebo relief, where
 * each needle went (reach), how long each effect lasts and the NSAID's effect — and integrates over what
 * the source question is about: the source itself (generator prior 36/28/16/20 %), the mixed share
 * (uniform 0.35–0.65) and the efficacy of every knee and spine treatment phase, drawn from the generator's
 * own responder / non-responder mixtures. The likelihood is the generator's: the day's AR(1) mood shared by
 * all answers of that day, a jitter of noiseSd / 3 on block follow-ups, rounding (variance 1/12), with
 * answers at 0 or 10 read as censored (no penalty when the curve lies beyond the bound).
 *
 * Knowing the nuisance draws makes it an optimistic ceiling: no method that sees only the diary can do
 * better on average. It reads the diary only — not the clinical findings, the flare frequency or the
 * clinician's choice of a second treatment, which the engine does not use either.
 *
 * The efficacy integral is taken one phase at a time around the joint mode (exact when phases act at
 * different times, which they almost always do; a product of 1-D quadratures on a 50-point grid).
 */
export interface OracleVerdict {
  posterior: Record<PainSource, number>;
  top: PainSource;
  probability: number;
}

/** Bump when the oracle or the generator changes: validate-model caches verdicts under this name. */
export const ORACLE_VERSION = 1;
const PRIOR: Record<PainSource, number> = { knee: 0.36, spine: 0.28, mixed: 0.16, neither: 0.2 };
const GRID = 40;
const MIXED_SHARES = [0.375, 0.425, 0.475, 0.525, 0.575, 0.625];
const COORDINATE_ROUNDS = 2;
const ROUNDING_VARIANCE = 1 / 12;
/** Midpoints of the placebo distributions (uniform 0.2–0.5 for responders, 0–0.08 for the rest). */
const PLACEBO_RESPONDER_GRID = [0.225, 0.275, 0.325, 0.375, 0.425, 0.475];
const PLACEBO_OTHER_GRID = [0.01, 0.03, 0.05, 0.07];

/** Efficacy of a phase that reached its generator: responder with this chance, uniform(low, high); else uniform(0, off). */
const EFFICACY_PRIOR: Record<Exclude<EffectKind, 'systemic'>, { rate: number; low: number; high: number; off: number }> = {
  anaesthetic: { rate: RESPONSE_RATE.anaesthetic, low: 0.6, high: 1, off: 0.2 },
  steroid: { rate: RESPONSE_RATE.steroid, low: 0.35, high: 0.85, off: 0.12 },
  biologic: { rate: RESPONSE_RATE.biologic, low: 0.25, high: 0.6, off: 0.12 },
  course: { rate: RESPONSE_RATE.course, low: 0.25, high: 0.6, off: 0.12 },
};

interface Phase {
  target: 'knee' | 'spine';
  /** Score index → profile × reach, only where non-zero. */
  at: Array<[number, number]>;
  logWeights: number[];
}

const GRID_POINTS = Array.from({ length: GRID }, (_, j) => (j + 0.5) / GRID);

function logWeightsOf(kind: Exclude<EffectKind, 'systemic'>): number[] {
  const { rate, low, high, off } = EFFICACY_PRIOR[kind];
  return GRID_POINTS.map((x) => {
    const density = (x >= low && x <= high ? rate / (high - low) : 0) + (x <= off ? (1 - rate) / off : 0);
    return density > 0 ? Math.log(density / GRID) : -Infinity;
  });
}
const LOG_WEIGHTS = Object.fromEntries((Object.keys(EFFICACY_PRIOR) as Array<keyof typeof EFFICACY_PRIOR>).map((k) => [k, logWeightsOf(k)])) as Record<
  keyof typeof EFFICACY_PRIOR,
  number[]
>;

export function oracleVerdict(patient: SyntheticPatient): OracleVerdict {
  const { latent } = patient;
  const observations = patient.input.scores
    .filter((score) => score.source !== 'clinic')
    .map((score) => ({ ms: score.recordedAt.getTime(), y: score.score }))
    .sort((a, b) => a.ms - b.ms);
  const n = observations.length;
  const t = observations.map((o) => (o.ms - EPOCH) / DAY_MS);
  const y = observations.map((o) => o.y);

  // Pain with no knee or spine treatment and no placebo acting: untreated curve × NSAID, known to the oracle.
  const base = t.map((day) => {
    let systemic = 1;
    for (const plan of latent.plans) {
      if (plan.acts === 'everything') for (const effect of plan.effects) systemic *= 1 - effect.efficacy * profile(effect, day - plan.day);
    }
    const untreated = Math.max(1, latent.level + latent.trendPerDay * day) + (latent.flares.get(Math.floor(day)) ?? 0);
    return untreated * systemic;
  });
  const sparse = (valueAt: (day: number) => number) => {
    const at: Array<[number, number]> = [];
    t.forEach((day, i) => {
      const value = valueAt(day);
      if (value > 0) at.push([i, value]);
    });
    return at;
  };
  const phases: Phase[] = [];
  /** Procedures that bring placebo relief: index of the plan's placebo dimension and of its anaesthetic phase. */
  const procedures: Array<{ at: Array<[number, number]>; anaesthetic: number | null }> = [];
  for (const plan of latent.plans) {
    if (plan.acts === 'everything') continue;
    let anaesthetic: number | null = null;
    for (const effect of plan.effects) {
      if (effect.kind === 'systemic') continue;
      if (effect.kind === 'anaesthetic') anaesthetic = phases.length;
      phases.push({ target: plan.acts, at: sparse((day) => profile(effect, day - plan.day) * plan.reach), logWeights: LOG_WEIGHTS[effect.kind] });
    }
    if (plan.placebo > 0) procedures.push({ at: sparse((day) => (day >= plan.day ? placeboProfile(day - plan.day) : 0)), anaesthetic });
  }

  // Kalman filter for the day's AR(1) mood: its gains depend on timing only, so compute them once.
  const decay = new Float64Array(n);
  const gain = new Float64Array(n);
  const innovationVariance = new Float64Array(n);
  {
    const { noiseSd, autocorrelation } = latent;
    let variance = noiseSd ** 2;
    let lastDay = Number.NaN;
    observations.forEach((o, i) => {
      const day = Math.floor(t[i]);
      const steps = Number.isNaN(lastDay) ? 0 : day - lastDay;
      const a = autocorrelation ** steps;
      decay[i] = Number.isNaN(lastDay) ? 0 : a;
      if (!Number.isNaN(lastDay)) variance = a * a * variance + noiseSd ** 2 * (1 - a * a);
      lastDay = day;
      const jitter = ROUNDING_VARIANCE + (latent.blockScoreTimes.has(o.ms) ? (noiseSd / 3) ** 2 : 0);
      innovationVariance[i] = variance + jitter;
      gain[i] = variance / innovationVariance[i];
      variance = (1 - gain[i]) * variance;
    });
  }

  const kneeRemaining = new Float64Array(n);
  const spineRemaining = new Float64Array(n);
  const placeboRemaining = new Float64Array(n);
  /** efficacy: one value per phase, then one placebo relief per procedure. */
  const logLikelihood = (efficacy: number[], kneeShare: number, spineShare: number): number => {
    kneeRemaining.fill(1);
    spineRemaining.fill(1);
    placeboRemaining.fill(1);
    procedures.forEach((procedure, p) => {
      const placebo = efficacy[phases.length + p];
      for (const [i, value] of procedure.at) placeboRemaining[i] *= 1 - placebo * value;
    });
    phases.forEach((phase, j) => {
      const share = phase.target === 'knee' ? kneeShare : spineShare;
      if (share === 0) return;
      const remaining = phase.target === 'knee' ? kneeRemaining : spineRemaining;
      for (const [i, value] of phase.at) remaining[i] *= 1 - efficacy[j] * value;
    });
    let state = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const mean = base[i] * placeboRemaining[i] * (1 - kneeShare * (1 - kneeRemaining[i]) - spineShare * (1 - spineRemaining[i]));
      let residual = y[i] - mean;
      if (y[i] >= 10 && residual < 0) residual = 0;
      if (y[i] <= 0 && residual > 0) residual = 0;
      state *= decay[i];
      const innovation = residual - state;
      sum -= (0.5 * innovation * innovation) / innovationVariance[i];
      state += gain[i] * innovation;
    }
    return sum;
  };

  /**
   * log ∫ likelihood d(prior), one group of latent values at a time around the joint mode. A procedure's
   * placebo relief and its own anaesthetic phase act in the same hours, so they form one group on a joint grid.
   */
  const marginalGivenTrait = (kneeShare: number, spineShare: number, placeboGrid: readonly number[]): number => {
    const activePhase = (j: number) => (phases[j].target === 'knee' ? kneeShare : spineShare) > 0;
    const groups: Array<{ dims: number[]; points: number[][]; logWeights: number[] }> = [];
    const grouped = new Set<number>();
    const placeboLogWeight = -Math.log(placeboGrid.length);
    procedures.forEach((procedure, p) => {
      const dims = [phases.length + p];
      if (procedure.anaesthetic !== null && activePhase(procedure.anaesthetic)) dims.push(procedure.anaesthetic);
      const points: number[][] = [];
      const logWeights: number[] = [];
      for (const placebo of placeboGrid) {
        if (dims.length === 1) {
          points.push([placebo]);
          logWeights.push(placeboLogWeight);
          continue;
        }
        const phase = phases[procedure.anaesthetic!];
        GRID_POINTS.forEach((x, g) => {
          if (phase.logWeights[g] === -Infinity) return;
          points.push([placebo, x]);
          logWeights.push(placeboLogWeight + phase.logWeights[g]);
        });
      }
      dims.slice(1).forEach((d) => grouped.add(d));
      groups.push({ dims, points, logWeights });
    });
    phases.forEach((phase, j) => {
      if (!activePhase(j) || grouped.has(j)) return;
      const points: number[][] = [];
      const logWeights: number[] = [];
      GRID_POINTS.forEach((x, g) => {
        if (phase.logWeights[g] === -Infinity) return;
        points.push([x]);
        logWeights.push(phase.logWeights[g]);
      });
      groups.push({ dims: [j], points, logWeights });
    });
    const values = new Array<number>(phases.length + procedures.length).fill(0);
    if (groups.length === 0) return logLikelihood(values, kneeShare, spineShare);
    const set = (dims: number[], point: number[]) => dims.forEach((d, k) => (values[d] = point[k]));
    for (const group of groups) {
      let best = 0;
      group.logWeights.forEach((w, k) => (w > group.logWeights[best] ? (best = k) : 0));
      set(group.dims, group.points[best]);
    }
    for (let round = 0; round <= COORDINATE_ROUNDS; round++) {
      for (const group of groups) {
        let best = 0;
        let bestValue = -Infinity;
        group.points.forEach((point, k) => {
          set(group.dims, point);
          const value = logLikelihood(values, kneeShare, spineShare) + group.logWeights[k];
          if (value > bestValue) [best, bestValue] = [k, value];
        });
        set(group.dims, group.points[best]);
      }
    }
    const atMode = logLikelihood(values, kneeShare, spineShare);
    let total = atMode;
    for (const group of groups) {
      const mode = group.dims.map((d) => values[d]);
      const slice = group.points.map((point, k) => {
        set(group.dims, point);
        return logLikelihood(values, kneeShare, spineShare) + group.logWeights[k];
      });
      set(group.dims, mode);
      total += logSumExp(slice) - atMode;
    }
    return total;
  };
  /** The placebo trait: a quarter of patients respond 20–50 % to every procedure, the rest 0–8 %. */
  const marginal = (kneeShare: number, spineShare: number): number =>
    procedures.length === 0
      ? marginalGivenTrait(kneeShare, spineShare, [])
      : logSumExp([
          Math.log(PLACEBO_RESPONDER_RATE) + marginalGivenTrait(kneeShare, spineShare, PLACEBO_RESPONDER_GRID),
          Math.log(1 - PLACEBO_RESPONDER_RATE) + marginalGivenTrait(kneeShare, spineShare, PLACEBO_OTHER_GRID),
        ]);

  const logEvidence: Record<PainSource, number> = {
    knee: marginal(1, 0),
    spine: marginal(0, 1),
    mixed: logSumExp(MIXED_SHARES.map((share) => marginal(share, 1 - share))) - Math.log(MIXED_SHARES.length),
    neither: marginal(0, 0),
  };
  const logPosterior = PAIN_SOURCES.map((source) => Math.log(PRIOR[source]) + logEvidence[source]);
  const normaliser = logSumExp(logPosterior);
  const posterior = Object.fromEntries(PAIN_SOURCES.map((source, i) => [source, Math.exp(logPosterior[i] - normaliser)])) as Record<PainSource, number>;
  const top = PAIN_SOURCES.reduce((best, source) => (posterior[source] > posterior[best] ? source : best), 'knee' as PainSource);
  return { posterior, top, probability: posterior[top] };
}

function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  if (max === -Infinity) return -Infinity;
  return max + Math.log(values.reduce((sum, v) => sum + Math.exp(v - max), 0));
}
