import { timedWindowsOf } from './confounding';
import { INTERVENTION_CATALOGUE, TIME, type InterventionKind, type Phase } from './intervention-catalogue';
import type { PainScoreReading } from './pain-score';
import type { InterventionInput } from './patient-evidence';
import { minimumScoresFor } from './response-assessment';
import { logSumExp, median, minOf, solveSymmetricPositiveDefinite } from './statistics';

/**
 * One regression over the patient's whole diary instead of one baseline per intervention:
 *
 *   pain(t) = level + trend·t + Σ effect(intervention, phase)·[its time course at t] + nuisance terms + noise
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
  /** Relief on the day of a procedure that fades by day 3 (placebo), NRS points; one figure per patient. */
  placeboPoints: number;
  /** Phase effects under the more probable placebo trait (what the timeline shows). */
  effects: PhaseEffect[];
  /** The placebo trait's alternatives, each with its posterior log weight and the phase effects read under it; empty without procedures. */
  placeboTraits: PlaceboTrait[];
  /** Covariance of the relief % readings of `effects` (same order), squared percentage points. */
  effectCovariancePct: number[][];
}

export interface PlaceboTrait {
  /** log posterior weight of the trait given the diary (normalised over the traits). */
  logWeight: number;
  placeboPoints: number;
  effects: PhaseEffect[];
  /** Covariance of the relief % readings of `effects` (same order), squared percentage points. */
  covariancePct: number[][];
}

const MONTH_DAYS = 30;
const PRIOR_LEVEL_SD = 3;
const PRIOR_TREND_SD_PER_MONTH = 1;
const PRIOR_EFFECT_SD = 10;
/**
 * 2025.8: 1.5 points (was 3). Nuisance terms (a lasting treatment's after-effect, the weeks before a later window
 * opens, an anaesthetic's unread hours) are real changes of pain but rarely larger than a point or two; the wider
 * prior let them take relief that belongs to the treatment's own window (seed 1 log loss 0.6958 → 0.6920 alone).
 */
const PRIOR_NUISANCE_SD = 1.5;
/** Noise prior: 1.5 points (domain.md's default) worth six pseudo-observations — shrinkage for short diaries. */
const PRIOR_NOISE_SD = 1.5;
const PRIOR_NOISE_WEIGHT = 6;
const MIN_NOISE_SD = 0.5;
/** Diary days are autocorrelated; assume 0.3 until enough neighbouring pairs say otherwise. */
const PRIOR_AUTOCORRELATION = 0.3;
const PRIOR_AUTOCORRELATION_WEIGHT = 8;
const MAX_AUTOCORRELATION = 0.8;
const NEIGHBOUR_GAP_MS = 36 * TIME.HOUR;
/**
 * 2025.10: answers less than half a day apart belong to one day and share its mood; the drift moves from one day to
 * the next (overnight), not within a day. Pairs of answers closer than this say nothing about the day-to-day autocorrelation.
 */
const SAME_DAY_MS = 12 * TIME.HOUR;
const HUBER_K = 1.5;
/** Jitter between answers given hours apart: integer rounding (≈0.3²) plus a third of the day-to-day noise. */
const JITTER_FLOOR_VARIANCE = 0.1;
const JITTER_SHARE = 0.35;
/** Placebo relief is rarely more than half the pain; the prior keeps one noisy day from inventing it. */
const PRIOR_PLACEBO_SD = 2;
const PLACEBO_FULL_MS = 12 * TIME.HOUR;
/** Procedures that can bring placebo relief; pills and courses are taken for weeks. */
const PLACEBO_KINDS: readonly InterventionKind[] = ['injection', 'surgery'];
const IRLS_ROUNDS = 4;
/** Below this the relief % becomes unstable; a patient at 0–1/10 has little relief left to show. */
const MIN_COUNTERFACTUAL_PAIN = 1;
/** Placebo and procedural pain settle within three days. */
const PLACEBO_MS = 3 * TIME.DAY;
/** Phases whose benefit outlasts the window; what follows gets its own term instead of posing as baseline. */
const LASTING_PHASES: readonly Phase[] = ['biologic', 'course', 'surgical'];
/**
 * Every local anaesthetic used for blocks works for the first ~3 h; how long it lasts after that varies
 * from patient to patient and agent to agent (lidocaine ~2 h, bupivacaine / ropivacaine up to 8–12 h).
 * The block is credited with the relief of its sure hours; the hours after (to 12 h) get a free term of
 * their own, so a block that wears off at 4 h, or lingers past the 6-h window, is neither diluted nor
 * mistaken for placebo (which is read from the following days).
 */
const ANAESTHETIC_SURE_MS = 3 * TIME.HOUR;
const ANAESTHETIC_TAIL_MS = 12 * TIME.HOUR;
/**
 * 2025.7: durations of full anaesthetic relief compared for each block (lidocaine ~2–3 h, bupivacaine / ropivacaine
 * up to 8–12 h), each wearing off over two hours; the diary's scores of the block day choose among them.
 */
const ANAESTHETIC_HOURS: readonly number[] = [3, 4, 5, 6, 8, 10];
const ANAESTHETIC_WEAR_OFF_MS = 2 * TIME.HOUR;
const DURATION_IRLS_ROUNDS = 1;
/**
 * 2025.8: the level of a block's day, beyond the day-to-day drift, in points (flares of 2–4 points on a few per cent of
 * days, and bad days). Fitted on the calibration seed: 0.65–0.8 scored alike (log loss 0.6790–0.6792 vs 0.6827 without).
 */
const BLOCK_DAY_SD = 0.75;
const BLOCK_DAY_HALF_MS = 12 * TIME.HOUR;
/**
 * 2025.7: treatments that build up over weeks are read with their build-up instead of as on/off windows: a PT course
 * from its second week to its fifth, hyaluronic acid / PRP from week 2 to week 6 (full effect afterwards).
 */
const BUILD_UP: Partial<Record<Phase, { fromMs: number; toMs: number }>> = {
  course: { fromMs: 7 * TIME.DAY, toMs: 35 * TIME.DAY },
  biologic: { fromMs: 14 * TIME.DAY, toMs: 42 * TIME.DAY },
};
/**
 * 2025.7: an epidural or intra-articular steroid starts to work from day 1.5 and reaches full effect by day 5; how long
 * it lasts varies (2 weeks to 2 months); it then wears off over two weeks. The durations compared for each steroid:
 */
const STEROID_DAYS: readonly number[] = [14, 21, 28, 42, 56];
const STEROID_ONSET_FROM_MS = 1.5 * TIME.DAY;
const STEROID_ONSET_TO_MS = 5 * TIME.DAY;
const STEROID_WEAR_OFF_MS = 14 * TIME.DAY;

interface Column {
  kind: 'level' | 'trend' | 'effect' | 'nuisance' | 'placebo';
  priorMean: number;
  priorSd: number;
  covers?: (at: number) => boolean;
  /** Value of the column at a time it covers; 1 when absent (an on/off window). */
  shape?: (at: number) => number;
  effectOf?: { interventionId: string; phase: Phase; fromAt: number; toAt: number };
  /**
   * A phase whose time course is read from the diary (2025.7): an anaesthetic block (its sure-hours column and the
   * free tail after it) or a steroid (its window); fitPainModel replaces them by the time course averaged over
   * the candidate durations, each weighted by how well the diary fits it.
   */
  timed?: { interventionId: string; phase: 'anaesthetic' | 'steroid'; start: number; role: 'effect' | 'tail' };
}

export function fitPainModel(scores: readonly PainScoreReading[], interventions: readonly InterventionInput[]): PainModelFit | null {
  if (scores.length === 0) return null;
  const origin = Math.min(minOf(interventions.map((intervention) => intervention.performedAt.getTime())), minOf(scores.map((s) => s.recordedAt.getTime())));
  const observations = [...scores]
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.score - b.score)
    .map((reading) => ({ at: reading.recordedAt.getTime(), y: reading.score }));
  const hasScoreIn = (fromAt: number, toAt: number) => observations.some((o) => o.at >= fromAt && o.at <= toAt);
  const covering = (candidates: Column[]) => candidates.filter((column) => !column.covers || observations.some((o) => column.covers!(o.at)));
  let columns = covering(buildColumns(interventions, median(observations.map((o) => o.y))!, hasScoreIn));
  const rowsOf = (of: readonly Column[]) =>
    observations.map((o) => ({
      y: o.y,
      x: of.map((column) => {
        if (column.kind === 'level') return 1;
        if (column.kind === 'trend') return (o.at - origin) / TIME.DAY / MONTH_DAYS;
        return column.covers!(o.at) ? (column.shape ? column.shape(o.at) : 1) : 0;
      }),
    }));
  let rows = rowsOf(columns);

  const times = observations.map((o) => o.at);
  let weights = rows.map(() => 1);
  let noiseSd = PRIOR_NOISE_SD;
  let autocorrelation = PRIOR_AUTOCORRELATION;
  let fit = solve(rows, times, weights, columns, noiseSd, autocorrelation, false);
  // Only the last fit's covariance is read; the rounds before it need the solution alone.
  const reweight = (last: boolean) => {
    const residuals = rows.map((row) => row.y - dot(row.x, fit.solution));
    noiseSd = noiseFrom(residuals, weights, columns.length);
    autocorrelation = autocorrelationFrom(residuals, times);
    const innovations = whiten(Float64Array.from(residuals), 1, times, noiseSd, autocorrelation);
    weights = Array.from(innovations, (innovation) => Math.min(1, HUBER_K / Math.max(Math.abs(innovation), 1e-9)));
    fit = solve(rows, times, weights, columns, noiseSd, autocorrelation, last);
  };

  // 2025.7: how long each block's anaesthetic and each steroid lasted is read from the diary (candidate durations
  // weighted by their marginal likelihood), so the answers after a block's sure hours count as relief or
  // as the day's own reference, and the weeks of a lasting steroid are not read as the patient's usual pain.
  const timedPhases = columns.some((column) => column.timed);
  for (let round = 0; round < IRLS_ROUNDS; round++) reweight(!timedPhases && round === IRLS_ROUNDS - 1);
  const chosen = chooseDurations(columns, rows, times, weights, noiseSd, autocorrelation, observations);
  if (chosen.length > 0) {
    for (const variant of chosen) columns = replaceTimed(columns, variant);
    columns = covering(columns);
    rows = rowsOf(columns);
    fit = solve(rows, times, weights, columns, noiseSd, autocorrelation, false);
    for (let round = 0; round < DURATION_IRLS_ROUNDS; round++) reweight(round === DURATION_IRLS_ROUNDS - 1);
  } else if (timedPhases) {
    fit = solve(rows, times, weights, columns, noiseSd, autocorrelation);
  }

  const trendIndex = columns.findIndex((column) => column.kind === 'trend');
  const placeboIndex = columns.findIndex((column) => column.kind === 'placebo');
  // 2025.9: relief % of the pain the patient would have had at the phase's scores without it — the fitted level and trend,
  // the day's and lead-in terms, minus the placebo of the procedure days and what systemic medication and other care of
  // the same target take away. Effects on one generator multiply (a block relieves a share of the pain left after the
  // placebo), so until 2025.8, reading against the trend line alone, a placebo responder's block was read ~15 % short.
  // Care of the other target is left in: knee and spine each carry a share of the whole pain (mixed).
  const targetOf = new Map(interventions.map((intervention) => [intervention.id, INTERVENTION_CATALOGUE[intervention.type].target]));
  const counterfactualOf = (solution: readonly number[], index: number): number => {
    const own = columns[index].effectOf!;
    const counts = columns.map((other, j) => {
      if (j === index || other.kind !== 'effect') return true;
      const of = other.effectOf!;
      return of.phase === 'systemic' || targetOf.get(of.interventionId) === targetOf.get(own.interventionId);
    });
    let weight = 0;
    let pain = 0;
    rows.forEach((row) => {
      const w = row.x[index];
      if (!(w > 0)) return;
      weight += w;
      pain += w * row.x.reduce((sum, x, j) => (j === index || !counts[j] ? sum : sum + x * solution[j]), 0);
    });
    return Math.max(MIN_COUNTERFACTUAL_PAIN, weight > 0 ? pain / weight : solution[0]);
  };
  const effectsAt = (solution: readonly number[], covariance: (i: number, j: number) => number): { effects: PhaseEffect[]; covariancePct: number[][] } => {
    const effects: PhaseEffect[] = [];
    const indices: number[] = [];
    columns.forEach((column, index) => {
      if (column.kind !== 'effect') return;
      const inWindow = observations.filter((o) => column.covers!(o.at));
      if (inWindow.length < minimumScoresFor(column.effectOf!.phase)) return;
      const counterfactualPain = counterfactualOf(solution, index);
      const reliefPoints = -solution[index];
      // Scores of one day share that day's mood (the correlated noise below), so five answers in the
      // hours after a block count for little more than one day — but they are read against the days around them.
      const sePoints = Math.sqrt(covariance(index, index));
      indices.push(index);
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
    const covariancePct = indices.map((i, a) =>
      indices.map((j, b) => (covariance(i, j) * 100 ** 2) / (effects[a].counterfactualPain * effects[b].counterfactualPain)),
    );
    return { effects, covariancePct };
  };
  const base = { noiseSd, autocorrelation, trendPerMonth: fit.solution[trendIndex] };
  if (placeboIndex < 0) {
    const read = effectsAt(fit.solution, (i, j) => fit.inverse[i][j]);
    return { ...base, placeboPoints: 0, effects: read.effects, effectCovariancePct: read.covariancePct, placeboTraits: [] };
  }
  const placeboTraits = placeboTraitsOf(fit, placeboIndex, Math.max(MIN_COUNTERFACTUAL_PAIN, fit.solution[0]), effectsAt);
  const top = placeboTraits.reduce((best, trait) => (trait.logWeight > best.logWeight ? trait : best));
  return { ...base, placeboPoints: top.placeboPoints, effects: top.effects, effectCovariancePct: top.covariancePct, placeboTraits };
}

/**
 * The placebo trait (docs/inference.md §2.1): about a quarter of patients are placebo responders who feel
 * 20–50 % better for a day or two after any procedure; the rest notice little. The regression is fitted
 * once with a wide prior on the placebo term; each trait then replaces that prior by its own (exact for a
 * linear-Gaussian model: a rank-one update of the posterior) and is weighted by its prior share times
 * how well the diary fits it. Relief of a block is read under each trait; the attribution averages.
 */
const PLACEBO_TRAITS: ReadonlyArray<{ share: number; meanPct: number; sdPct: number }> = [
  { share: 0.75, meanPct: 3, sdPct: 4 },
  { share: 0.25, meanPct: 33, sdPct: 10 },
];

function placeboTraitsOf(
  fit: { solution: number[]; inverse: number[][] },
  k: number,
  usualPain: number,
  effectsAt: (solution: readonly number[], covariance: (i: number, j: number) => number) => { effects: PhaseEffect[]; covariancePct: number[][] },
): PlaceboTrait[] {
  const mu = fit.solution[k];
  const v = fit.inverse[k][k];
  const s0 = PRIOR_PLACEBO_SD ** 2;
  const traits = PLACEBO_TRAITS.map((trait) => {
    // The placebo column's coefficient is minus the relief.
    const m = -(trait.meanPct / 100) * usualPain;
    const s = ((trait.sdPct / 100) * usualPain) ** 2;
    const a = 1 / v + 1 / s - 1 / s0;
    const b = mu / v + m / s;
    const logEvidence = -0.5 * Math.log((a * v * s) / s0) + (b * b) / (2 * a) - 0.5 * ((mu * mu) / v + (m * m) / s);
    const newMean = b / a;
    const newVariance = 1 / a;
    const shift = newMean - mu;
    const solution = fit.solution.map((value, j) => value + (fit.inverse[j][k] / v) * shift);
    const covariance = (i: number, j: number) => fit.inverse[i][j] - ((fit.inverse[i][k] * fit.inverse[j][k]) / v) * (1 - newVariance / v);
    return { logWeight: Math.log(trait.share) + logEvidence, placeboPoints: -newMean, ...effectsAt(solution, covariance) };
  });
  const normaliser = logSumExp(traits.map((trait) => trait.logWeight));
  return traits.map((trait) => ({ ...trait, logWeight: trait.logWeight - normaliser }));
}

function buildColumns(interventions: readonly InterventionInput[], typicalPain: number, hasScoreIn: (fromAt: number, toAt: number) => boolean): Column[] {
  const columns: Column[] = [
    { kind: 'level', priorMean: typicalPain, priorSd: PRIOR_LEVEL_SD },
    { kind: 'trend', priorMean: 0, priorSd: PRIOR_TREND_SD_PER_MONTH },
  ];
  const procedures = interventions.filter((intervention) => PLACEBO_KINDS.includes(INTERVENTION_CATALOGUE[intervention.type].kind));
  if (procedures.length > 0) {
    // Placebo is a trait of the patient: one term, strongest on the day of every procedure and gone by day 3.
    // It also covers the anaesthetic hours, so a block is credited only with relief beyond it.
    const starts = procedures.map((intervention) => intervention.performedAt.getTime());
    columns.push({
      kind: 'placebo',
      priorMean: 0,
      priorSd: PRIOR_PLACEBO_SD,
      covers: (at) => starts.some((start) => at >= start && at < start + PLACEBO_MS),
      shape: (at) => Math.min(1, starts.reduce((sum, start) => sum + placeboShape(at - start), 0)),
    });
  }
  for (const intervention of interventions) {
    const start = intervention.performedAt.getTime();
    const windows = timedWindowsOf(intervention);
    const firstLaterWindow = Math.min(...windows.filter((window) => window.phase !== 'anaesthetic').map((window) => window.fromAt));
    const leadInEnd = Number.isFinite(firstLaterWindow) ? firstLaterWindow : start + PLACEBO_MS;
    // Slow onset before a later window opens (e.g. weeks 0–4 after HA): neither baseline nor the response tested.
    // 2025.8: a phase with a known build-up (PT, HA / PRP) is read from where its build-up starts, so the lead-in
    // term stops there: the weeks it is building up are part of its own time course, not a free term.
    const buildUp = windows.map((window) => BUILD_UP[window.phase]).find((build) => build);
    const leadInStop = buildUp ? Math.min(leadInEnd, start + buildUp.fromMs) : leadInEnd;
    if (leadInStop > start + PLACEBO_MS) {
      columns.push({ kind: 'nuisance', priorMean: 0, priorSd: PRIOR_NUISANCE_SD, covers: (at) => at >= start + PLACEBO_MS && at < leadInStop });
    }
    // 2025.8: the block's own day (12 h either side) may sit above or below the patient's usual level — a flare, a bad
    // day — and without an answer the same day from before the block or after it has worn off, the block's relief
    // cannot be told from that day's level. One term for the day lets the block's error say so.
    if (windows.some((window) => window.phase === 'anaesthetic')) {
      columns.push({
        kind: 'nuisance',
        priorMean: 0,
        priorSd: BLOCK_DAY_SD,
        covers: (at) => at >= start - BLOCK_DAY_HALF_MS && at < start + BLOCK_DAY_HALF_MS,
      });
    }
    for (const window of windows) {
      let toAt = window.toAt;
      if (window.phase === 'anaesthetic') {
        const sureEnd = Math.min(window.toAt, start + ANAESTHETIC_SURE_MS);
        if (hasScoreIn(window.fromAt, sureEnd)) toAt = sureEnd;
        const tailEnd = start + ANAESTHETIC_TAIL_MS;
        if (tailEnd > toAt) {
          columns.push({
            kind: 'nuisance',
            priorMean: 0,
            priorSd: PRIOR_NUISANCE_SD,
            covers: (at) => at > toAt && at <= tailEnd,
            timed: { interventionId: intervention.id, phase: 'anaesthetic', start, role: 'tail' },
          });
        }
      }
      const build = BUILD_UP[window.phase];
      // 2025.8: from the start of its build-up (PT week 1, HA / PRP week 2), not from the textbook window (week 3 / week 4).
      const fromAt = build ? Math.min(window.fromAt, start + build.fromMs) : window.fromAt;
      columns.push({
        kind: 'effect',
        priorMean: 0,
        priorSd: PRIOR_EFFECT_SD,
        covers: (at) => at >= fromAt && at <= toAt,
        ...(build ? { shape: (at: number) => Math.min(1, Math.max(0, (at - start - build.fromMs) / (build.toMs - build.fromMs))) } : {}),
        effectOf: { interventionId: intervention.id, phase: window.phase, fromAt: window.fromAt, toAt },
        ...(window.phase === 'anaesthetic' || window.phase === 'steroid'
          ? { timed: { interventionId: intervention.id, phase: window.phase, start, role: 'effect' as const } }
          : {}),
      });
      if (LASTING_PHASES.includes(window.phase)) {
        columns.push({ kind: 'nuisance', priorMean: 0, priorSd: PRIOR_NUISANCE_SD, covers: (at) => at > window.toAt });
      }
    }
  }
  return columns;
}

/** Placebo time course: full for the first half day, fading linearly to nothing at day 3. */
export function placeboShape(sinceMs: number): number {
  if (sinceMs < 0 || sinceMs >= PLACEBO_MS) return 0;
  return sinceMs <= PLACEBO_FULL_MS ? 1 : 1 - (sinceMs - PLACEBO_FULL_MS) / (PLACEBO_MS - PLACEBO_FULL_MS);
}

/**
 * Diary noise is a day-to-day drift (autocorrelated from day to day) plus a small jitter between
 * answers. Each row is replaced by its innovation given all the scores before it — so a score is read against
 * the scores just before it, and answers within hours of each other (a block's follow-ups) share their day's
 * mood instead of counting as independent days.
 *
 * 2025.9: the innovations are those of a Kalman filter for drift + jitter, the exact generalised-least-squares
 * transform of that noise model. Until 2025.8 each score was read against the previous score alone, with the jitter
 * of both added to its variance: for answers hours apart that is close to differencing them, so of a block's five
 * follow-ups only the first and the last said much about the block's level — the ones between only about each other.
 * The filter reads them as five looks at one day's mood, each with its own jitter (seed 1 log loss 0.6789 → 0.6636
 * on its own).
 *
 * 2025.10: the drift is the mood of the day. It changes from one day to the next, not between answers given the same
 * day: answers less than 12 h apart share it exactly, and the drift moves by one day's step for every whole day between
 * answers (gap rounded to whole days). Until 2025.9 it decayed continuously (to 0.5^0.25 ≈ 0.84 between a block's
 * follow-ups six hours apart), so the day's answers after a block had worn off told the block day's own level only in
 * part, and the block's relief was read against the neighbouring days more than against its own day (seed 1 log loss
 * 0.6490 → 0.6377 on its own).
 */
function whiten(values: Float64Array, width: number, times: readonly number[], noiseSd: number, autocorrelation: number): Float64Array {
  const jitter = JITTER_FLOOR_VARIANCE + (JITTER_SHARE * noiseSd) ** 2;
  const drift = noiseSd ** 2;
  // The drift's filtered value for each column (the same gains serve every column: they depend on times only).
  const state = new Float64Array(width);
  let variance = drift;
  for (let k = 0; k < times.length; k++) {
    if (k > 0) {
      const phi = autocorrelation ** Math.round((times[k] - times[k - 1]) / TIME.DAY); // 2025.10: whole days between answers
      for (let j = 0; j < width; j++) state[j] *= phi;
      variance = phi ** 2 * variance + drift * (1 - phi ** 2);
    }
    const innovationVariance = variance + jitter;
    const scale = Math.sqrt(innovationVariance);
    const gain = variance / innovationVariance;
    const offset = k * width;
    for (let j = 0; j < width; j++) {
      const innovation = values[offset + j] - state[j];
      values[offset + j] = innovation / scale;
      state[j] += gain * innovation;
    }
    variance = (variance * jitter) / innovationVariance;
  }
  return values;
}

/** The rows as one flat matrix, one row per score: its pain, then its design values (what `whiten` transforms in place). */
function designOf(rows: ReadonlyArray<{ y: number; x: readonly number[] }>, p: number): Float64Array {
  const width = p + 1;
  const flat = new Float64Array(rows.length * width);
  rows.forEach((row, k) => {
    flat[k * width] = row.y;
    for (let j = 0; j < p; j++) flat[k * width + j + 1] = row.x[j];
  });
  return flat;
}

/**
 * The whitened design (flat, as designOf lays it out) and its weighted cross-products: X'WX (lower triangle only: it
 * is all the Cholesky factorisation reads), X'Wy and y'Wy.
 */
function whitenedGram(rows: ReadonlyArray<{ y: number; x: readonly number[] }>, p: number, times: readonly number[], weights: readonly number[], noiseSd: number, autocorrelation: number) {
  const width = p + 1;
  const white = whiten(designOf(rows, p), width, times, noiseSd, autocorrelation);
  const gram = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  let yty = 0;
  for (let k = 0; k < rows.length; k++) {
    const w = weights[k];
    const offset = k * width;
    const y = white[offset];
    yty += w * y * y;
    for (let i = 0; i < p; i++) {
      const xi = white[offset + i + 1];
      if (xi === 0) continue;
      xty[i] += w * xi * y;
      const line = gram[i];
      for (let j = 0; j <= i; j++) line[j] += w * xi * white[offset + j + 1];
    }
  }
  return { white, width, gram, xty, yty };
}

function solve(rows: { y: number; x: number[] }[], times: number[], weights: number[], columns: Column[], noiseSd: number, autocorrelation: number, withInverse = true) {
  const { gram: precision, xty: rhs, yty } = whitenedGram(rows, columns.length, times, weights, noiseSd, autocorrelation);
  let squares = yty;
  columns.forEach((column, i) => {
    precision[i][i] += 1 / column.priorSd ** 2;
    rhs[i] += column.priorMean / column.priorSd ** 2;
    squares += column.priorMean ** 2 / column.priorSd ** 2;
  });
  const solved = solveSymmetricPositiveDefinite(precision, rhs, withInverse);
  // log marginal likelihood up to terms shared by fits with the same noise, weights and priors (Gaussian ridge evidence).
  const logEvidence = -0.5 * (squares - dot(rhs, solved.solution)) - 0.5 * solved.logDeterminant;
  return { ...solved, logEvidence };
}

interface TimedVariant {
  interventionId: string;
  phase: 'anaesthetic' | 'steroid';
  covers: (at: number) => boolean;
  shape: (at: number) => number;
  toAt: number;
}

/** The time courses compared for a timed phase: full relief for a while, then wearing off. */
function variantsOf(timed: NonNullable<Column['timed']>, fromAt: number): TimedVariant[] {
  const { interventionId, phase, start } = timed;
  if (phase === 'anaesthetic') {
    return ANAESTHETIC_HOURS.map((hours) => {
      const full = start + hours * TIME.HOUR;
      const end = full + ANAESTHETIC_WEAR_OFF_MS;
      return { interventionId, phase, covers: (at) => at >= fromAt && at < end, shape: (at) => (at <= full ? 1 : 1 - (at - full) / ANAESTHETIC_WEAR_OFF_MS), toAt: end };
    });
  }
  const onsetFrom = start + STEROID_ONSET_FROM_MS;
  const onsetTo = start + STEROID_ONSET_TO_MS;
  return STEROID_DAYS.map((days) => {
    const full = start + days * TIME.DAY;
    const end = full + STEROID_WEAR_OFF_MS;
    return {
      interventionId,
      phase,
      covers: (at) => at > onsetFrom && at < end,
      shape: (at) => (at < onsetTo ? (at - onsetFrom) / (onsetTo - onsetFrom) : at <= full ? 1 : 1 - (at - full) / STEROID_WEAR_OFF_MS),
      toAt: end,
    };
  });
}

/** The posterior-mean time course: each candidate's shape weighted by its marginal likelihood. */
function averaged(scored: ReadonlyArray<{ variant: TimedVariant; evidence: number }>): TimedVariant {
  const top = Math.max(...scored.map((s) => s.evidence));
  const weights = scored.map((s) => Math.exp(s.evidence - top));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const { interventionId, phase } = scored[0].variant;
  return {
    interventionId,
    phase,
    covers: (at) => scored.some((s) => s.variant.covers(at)),
    shape: (at) => scored.reduce((sum, s, i) => sum + (s.variant.covers(at) ? (weights[i] / total) * s.variant.shape(at) : 0), 0),
    toAt: Math.max(...scored.map((s) => s.variant.toAt)),
  };
}

/** Columns with a timed phase replaced by one of its time courses (an anaesthetic's free tail goes too). */
function replaceTimed(columns: readonly Column[], variant: TimedVariant): Column[] {
  const result: Column[] = [];
  for (const column of columns) {
    const timed = column.timed;
    if (!timed || timed.interventionId !== variant.interventionId || timed.phase !== variant.phase) {
      result.push(column);
    } else if (timed.role === 'effect') {
      result.push({ ...column, covers: variant.covers, shape: variant.shape, effectOf: { ...column.effectOf!, toAt: variant.toAt }, timed: undefined });
    }
  }
  return result;
}

/**
 * For each timed phase, its time course averaged over the candidate durations, each weighted by its marginal
 * likelihood with the other phases held as they are (a single best duration made the readings overconfident). Only the
 * replaced column changes between candidates, so the whitened design is built once and each candidate costs one
 * whitened column and one small solve.
 */
function chooseDurations(
  columns: readonly Column[],
  rows: ReadonlyArray<{ y: number; x: number[] }>,
  times: number[],
  weights: readonly number[],
  noiseSd: number,
  autocorrelation: number,
  observations: ReadonlyArray<{ at: number }>,
): TimedVariant[] {
  const effects = columns.map((column, index) => ({ column, index })).filter(({ column }) => column.timed?.role === 'effect');
  if (effects.length === 0) return [];
  // Lower triangle of X'WX only (kept columns stay in order, so each candidate reads the lower triangle too).
  const { white, width, gram, xty, yty } = whitenedGram(rows, columns.length, times, weights, noiseSd, autocorrelation);
  const chosen: TimedVariant[] = [];
  for (const { column, index } of effects) {
    const timed = column.timed!;
    const tail = columns.findIndex((c) => c.timed?.role === 'tail' && c.timed.interventionId === timed.interventionId && c.timed.phase === timed.phase);
    const keep = columns.map((_, i) => i).filter((i) => i !== index && i !== tail);
    const scored: Array<{ variant: TimedVariant; evidence: number }> = [];
    for (const variant of variantsOf(timed, column.effectOf!.fromAt)) {
      const values = observations.map((o) => (variant.covers(o.at) ? variant.shape(o.at) : 0));
      if (!values.some((v) => v !== 0)) continue;
      const v = whiten(Float64Array.from(values), 1, times, noiseSd, autocorrelation);
      const q = keep.length;
      const precision = Array.from({ length: q + 1 }, () => new Array<number>(q + 1).fill(0));
      const rhs = new Array<number>(q + 1).fill(0);
      let squares = yty;
      keep.forEach((i, a) => {
        for (let b = 0; b <= a; b++) precision[a][b] = gram[i][keep[b]];
        precision[a][a] += 1 / columns[i].priorSd ** 2;
        rhs[a] = xty[i] + columns[i].priorMean / columns[i].priorSd ** 2;
        squares += columns[i].priorMean ** 2 / columns[i].priorSd ** 2;
      });
      let vv = 0;
      let vy = 0;
      const cross = new Array<number>(q).fill(0);
      for (let k = 0; k < rows.length; k++) {
        if (v[k] === 0) continue;
        const w = weights[k] * v[k];
        const offset = k * width;
        vv += w * v[k];
        vy += w * white[offset];
        for (let a = 0; a < q; a++) cross[a] += w * white[offset + keep[a] + 1];
      }
      cross.forEach((c, a) => {
        precision[a][q] = c;
        precision[q][a] = c;
      });
      precision[q][q] = vv + 1 / column.priorSd ** 2;
      rhs[q] = vy + column.priorMean / column.priorSd ** 2;
      squares += column.priorMean ** 2 / column.priorSd ** 2;
      const solved = solveSymmetricPositiveDefinite(precision, rhs, false);
      const evidence = -0.5 * (squares - dot(rhs, solved.solution)) - 0.5 * solved.logDeterminant;
      scored.push({ variant, evidence });
    }
    if (scored.length > 0) chosen.push(averaged(scored));
  }
  return chosen;
}

function noiseFrom(residuals: number[], weights: number[], parameters: number): number {
  const weighted = residuals.reduce((sum, residual, k) => sum + weights[k] * residual ** 2, 0);
  const freedom = Math.max(0, residuals.length - parameters);
  const variance = (PRIOR_NOISE_WEIGHT * PRIOR_NOISE_SD ** 2 + weighted) / (PRIOR_NOISE_WEIGHT + freedom);
  return Math.max(MIN_NOISE_SD, Math.sqrt(variance));
}

/** Day-to-day autocorrelation from neighbouring answers on different days (2025.10: same-day pairs share the day's mood). */
function autocorrelationFrom(residuals: number[], times: number[]): number {
  let products = 0;
  let squares = 0;
  let pairs = 0;
  for (let k = 1; k < residuals.length; k++) {
    const gap = times[k] - times[k - 1];
    if (gap > NEIGHBOUR_GAP_MS || gap < SAME_DAY_MS) continue;
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
