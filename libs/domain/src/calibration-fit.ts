import { wilsonInterval } from './analytics-statistics';

/** One calibration patient: the engine's raw leading probability and how its answer turned out. */
export interface CalibrationPoint {
  /** Raw (tempered) probability of the leading source. */
  p: number;
  /** The leading source is the true one. */
  right: boolean;
  /** A source was stated (not inconclusive) and it was wrong. */
  statedWrong: boolean;
}

/** A stated probability at or above this is a confident answer: the line the "confidently wrong" is drawn at. */
export const CONFIDENT_PROBABILITY = 0.8;

/** Knots (raw, calibrated) read by linear interpolation (`recalibrated` in attribution.ts). */
export type CalibrationKnots = Array<[number, number]>;

export interface ConfidentErrorGuarantee {
  /** A stated probability at or above this is a confident answer (CONFIDENT_PROBABILITY). */
  confident: number;
  /** Confident and wrong answers may be at most this share of all patients (0.01), with 97.5 % confidence on the calibration cohort. */
  maxConfidentlyWrong: number;
}

/** Patients pooled into each starting block of the isotonic fit, so no knot rests on a handful of patients. */
const MIN_BLOCK = 60;
/** How far under `confident` the capped answers sit: 0.79 reads as "79 %" on screen, never rounded up to 80 %. */
const CAP_MARGIN = 0.01;

interface Block {
  sumP: number;
  right: number;
  n: number;
}

/** Pool-adjacent-violators on (probability, right): one knot per pooled block (mean raw, accuracy), ≥ 60 patients a block. */
export function isotonicKnots(points: readonly CalibrationPoint[]): CalibrationKnots {
  return isotonicBlocks(points).map(knotOf);
}

/**
 * The isotonic fit, with one constraint that makes "confident" a promise: a stated probability of `confident` or more is
 * given only to patients whose raw probability is at or above a threshold chosen so that, on the calibration cohort, the
 * upper 97.5 % (Wilson) bound of the confidently wrong share stays below `maxConfidentlyWrong`. Below the threshold the
 * isotonic fit is capped just under `confident` — the least-squares monotone fit under that bound: answers there that
 * are right, say, 85 % of the time are shown as 79 %, never more than they are worth, and nothing weaker is lifted to
 * make up for them. `confidentFrom` is null, and the knots the plain isotonic ones, when the cohort cannot support the
 * promise.
 */
export function guaranteedConfidenceKnots(
  points: readonly CalibrationPoint[],
  guarantee: ConfidentErrorGuarantee,
): { knots: CalibrationKnots; confidentFrom: number | null } {
  const found = confidentThreshold(points, guarantee.maxConfidentlyWrong);
  if (found === null) return { knots: isotonicKnots(points), confidentFrom: null };
  // Rounded up: a patient between the exact threshold and the knot is left below the line, never lifted over it.
  const threshold = Math.ceil(found * 1000) / 1000;
  const cap = guarantee.confident - CAP_MARGIN;
  const below = isotonicBlocks(points.filter((point) => point.p < threshold)).map(knotOf);
  const capped = below.filter(([, accuracy]) => accuracy < cap);
  const knots: CalibrationKnots = [...capped];
  // The cap holds from where the fit first reaches it up to the threshold, then the knots step up.
  if (capped.length < below.length) knots.push([below[capped.length][0], cap]);
  knots.push([threshold, Math.min(cap, knots[knots.length - 1]?.[1] ?? cap)]);
  const above = isotonicBlocks(points.filter((point) => point.p >= threshold)).map(knotOf);
  if (above.length > 0) knots.push([threshold, above[0][1]], ...above);
  return { knots, confidentFrom: threshold };
}

/** The lowest raw probability above which the confidently wrong share is below `maxShare` with 97.5 % confidence. */
function confidentThreshold(points: readonly CalibrationPoint[], maxShare: number): number | null {
  const descending = [...points].sort((a, b) => b.p - a.p);
  let wrong = 0;
  let threshold: number | null = null;
  for (let k = 0; k < descending.length; k++) {
    wrong += descending[k].statedWrong ? 1 : 0;
    // Ties share a fate: a threshold may only fall between two different raw probabilities.
    if (k + 1 < descending.length && descending[k + 1].p === descending[k].p) continue;
    if ((wilsonInterval(wrong, points.length)?.high ?? 1) >= maxShare) break;
    threshold = descending[k].p;
  }
  return threshold;
}

function isotonicBlocks(points: readonly CalibrationPoint[]): Block[] {
  const sorted = [...points].sort((a, b) => a.p - b.p);
  let blocks: Block[] = [];
  for (let start = 0; start < sorted.length; start += MIN_BLOCK) {
    const slice = sorted.slice(start, start + MIN_BLOCK);
    blocks.push({ sumP: slice.reduce((s, x) => s + x.p, 0), right: slice.filter((x) => x.right).length, n: slice.length });
  }
  let merged = true;
  while (merged) {
    merged = false;
    const next: Block[] = [];
    for (const block of blocks) {
      const last = next[next.length - 1];
      if (last && last.right / last.n >= block.right / block.n) {
        last.sumP += block.sumP;
        last.right += block.right;
        last.n += block.n;
        merged = true;
      } else next.push({ ...block });
    }
    blocks = next;
  }
  return blocks;
}

function knotOf(block: Block): [number, number] {
  return [round(block.sumP / block.n), round(block.right / block.n)];
}

function round(value: number): number {
  return Number(value.toFixed(3));
}
