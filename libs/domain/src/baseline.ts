import { TIME } from './intervention-catalogue';
import type { PainScoreReading } from './pain-score';
import type { VisitInput } from './patient-evidence';
import { median, roundTo, sampleStandardDeviation } from './statistics';

export const BASELINE_LOOKBACK_MS = 14 * TIME.DAY;
/** Noise assumed when fewer than three baseline scores allow no honest estimate of spread. */
export const DEFAULT_BASELINE_NOISE = 1.5;
/** "Same day" without knowing the clinic's time zone: a visit in the 12 h before the procedure. */
export const SAME_DAY_VISIT_MS = 12 * TIME.HOUR;

export interface Baseline {
  value: number;
  noise: number;
  n: number;
  source: 'diary' | 'clinic_visit';
}

/**
 * Pain before an intervention (domain.md "Baseline"): median of the scores in the 14 days before it,
 * else the clinic score of a same-day visit before it, else null (the assessment lacks data).
 */
export function baselineBefore(performedAt: Date, scores: readonly PainScoreReading[], visits: readonly VisitInput[]): Baseline | null {
  const end = performedAt.getTime();
  const values = scores
    .filter((reading) => {
      const at = reading.recordedAt.getTime();
      return at >= end - BASELINE_LOOKBACK_MS && at < end;
    })
    .map((reading) => reading.score);
  if (values.length > 0) {
    return { value: median(values)!, noise: roundTo(noiseOf(values), 2), n: values.length, source: 'diary' };
  }
  const visit = closestClinicVisitBefore(end, visits);
  if (visit) return { value: visit.clinicPain!, noise: DEFAULT_BASELINE_NOISE, n: 1, source: 'clinic_visit' };
  return null;
}

function noiseOf(values: readonly number[]): number {
  return values.length >= 3 ? sampleStandardDeviation(values)! : DEFAULT_BASELINE_NOISE;
}

// A visit after the procedure would already show its effect, so only earlier visits count.
function closestClinicVisitBefore(end: number, visits: readonly VisitInput[]): VisitInput | undefined {
  return visits
    .filter((visit) => visit.clinicPain !== null && visit.clinicPain !== undefined)
    .filter((visit) => visit.occurredAt.getTime() <= end && visit.occurredAt.getTime() >= end - SAME_DAY_VISIT_MS)
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())[0];
}
