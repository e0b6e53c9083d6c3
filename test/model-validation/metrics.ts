import { PAIN_SOURCES, type PainSource, type SourceClassification } from '../../libs/domain/src/attribution';
import { CONFIDENT_PROBABILITY } from '../../libs/domain/src/calibration-fit';

/** One patient's answer next to the truth. */
export interface Judgement {
  truth: PainSource;
  classification: SourceClassification;
  /** Probability given to the stated classification (1 for a rule that states one). */
  probability: number;
  /** Probability over the four sources (Brier score); a rule gives 1 to what it states, ¼ each when it abstains. */
  distribution: Record<PainSource, number>;
  /** The diary holds the answer (test/model-validation/answerability.ts). */
  answerable: boolean;
  /** Both targets tested on target with clean windows, true-source non-responders included. */
  testedProperly: boolean;
  /** The oracle (oracle.ts), reading the diary with the generator's own model, gives its top source ≥ 0.9. */
  oracleAnswerable: boolean;
  /** Oracle-answerable, and domain.md allows the oracle's answer to be named with the care recorded (answerability.ts). */
  oracleStatable: boolean;
}

export interface Scorecard {
  patients: number;
  answerable: number;
  accuracyAnswerable: number;
  testedProperlyPatients: number;
  accuracyTestedProperly: number;
  oracleAnswerable: number;
  accuracyOracleAnswerable: number;
  confidentlyWrongOracleAnswerablePct: number;
  oracleStatable: number;
  accuracyOracleStatable: number;
  oracleAccuracyByClass: Record<PainSource, { correct: number; total: number }>;
  /** Confidently wrong among answerable patients only. */
  confidentlyWrongAnswerablePct: number;
  accuracyByClass: Record<PainSource, { correct: number; total: number }>;
  /** Share of patients given a source rather than "inconclusive". */
  coverage: number;
  /** Of the sources stated, how many were right. */
  precisionStated: number;
  confusion: Record<PainSource, Record<SourceClassification, number>>;
  brier: number;
  expectedCalibrationError: number;
  confidentlyWrongPct: number;
  /** Share of patients given a confident answer (a source stated with p ≥ 0.8): what the guarantee on confident errors costs. */
  confidentPct: number;
}

const CLASSIFICATIONS: readonly SourceClassification[] = [...PAIN_SOURCES, 'inconclusive'];
const CALIBRATION_BINS = 10;

export function scorecard(judgements: readonly Judgement[]): Scorecard {
  const answerable = judgements.filter((j) => j.answerable);
  const stated = judgements.filter((j) => j.classification !== 'inconclusive');
  const accuracyByClass = Object.fromEntries(
    PAIN_SOURCES.map((source) => {
      const ofClass = answerable.filter((j) => j.truth === source);
      return [source, { correct: ofClass.filter((j) => j.classification === j.truth).length, total: ofClass.length }];
    }),
  ) as Scorecard['accuracyByClass'];
  const confusion = Object.fromEntries(
    PAIN_SOURCES.map((truth) => [
      truth,
      Object.fromEntries(CLASSIFICATIONS.map((c) => [c, judgements.filter((j) => j.truth === truth && j.classification === c).length])),
    ]),
  ) as Scorecard['confusion'];
  const oracleAnswerable = judgements.filter((j) => j.oracleAnswerable);
  const oracleAccuracyByClass = Object.fromEntries(
    PAIN_SOURCES.map((source) => {
      const ofClass = oracleAnswerable.filter((j) => j.truth === source);
      return [source, { correct: ofClass.filter((j) => j.classification === j.truth).length, total: ofClass.length }];
    }),
  ) as Scorecard['oracleAccuracyByClass'];
  return {
    patients: judgements.length,
    oracleAnswerable: oracleAnswerable.length,
    accuracyOracleAnswerable: share(oracleAnswerable, (j) => j.classification === j.truth),
    confidentlyWrongOracleAnswerablePct: (100 * oracleAnswerable.filter(confidentlyWrong).length) / Math.max(1, oracleAnswerable.length),
    oracleAccuracyByClass,
    oracleStatable: judgements.filter((j) => j.oracleStatable).length,
    accuracyOracleStatable: share(judgements.filter((j) => j.oracleStatable), (j) => j.classification === j.truth),
    answerable: answerable.length,
    accuracyAnswerable: share(answerable, (j) => j.classification === j.truth),
    testedProperlyPatients: judgements.filter((j) => j.testedProperly).length,
    accuracyTestedProperly: share(judgements.filter((j) => j.testedProperly), (j) => j.classification === j.truth),
    confidentlyWrongAnswerablePct: (100 * answerable.filter(confidentlyWrong).length) / Math.max(1, answerable.length),
    accuracyByClass,
    coverage: stated.length / judgements.length,
    precisionStated: share(stated, (j) => j.classification === j.truth),
    confusion,
    brier: judgements.reduce((sum, j) => sum + PAIN_SOURCES.reduce((s, source) => s + (j.distribution[source] - (j.truth === source ? 1 : 0)) ** 2, 0), 0) / judgements.length,
    expectedCalibrationError: expectedCalibrationError(stated),
    confidentlyWrongPct: (100 * judgements.filter(confidentlyWrong).length) / judgements.length,
    confidentPct: (100 * stated.filter((j) => j.probability >= CONFIDENT_PROBABILITY).length) / judgements.length,
  };
}

function confidentlyWrong(j: Judgement): boolean {
  return j.classification !== 'inconclusive' && j.probability >= CONFIDENT_PROBABILITY && j.classification !== j.truth;
}

/** Mean |stated probability − observed accuracy| over ten equal-width bins, weighted by bin size. */
export function expectedCalibrationError(stated: readonly Judgement[]): number {
  if (stated.length === 0) return 0;
  let total = 0;
  for (let bin = 0; bin < CALIBRATION_BINS; bin++) {
    const inBin = stated.filter((j) => Math.min(CALIBRATION_BINS - 1, Math.floor(j.probability * CALIBRATION_BINS)) === bin);
    if (inBin.length === 0) continue;
    const confidence = inBin.reduce((sum, j) => sum + j.probability, 0) / inBin.length;
    total += inBin.length * Math.abs(confidence - share(inBin, (j) => j.classification === j.truth));
  }
  return total / stated.length;
}

/** Mean negative log-probability of the true source: what the calibration fit minimises. */
export function logLoss(judgements: readonly Judgement[]): number {
  return judgements.reduce((sum, j) => sum - Math.log(Math.max(1e-6, j.distribution[j.truth])), 0) / judgements.length;
}

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.length === 0 ? 0 : items.filter(predicate).length / items.length;
}
