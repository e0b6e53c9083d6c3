import { baselineBefore, type Baseline } from './baseline';
import { confoundersOf, timedWindowsOf, type ConfoundingIntervention, type TimedWindow } from './confounding';
import { INTERVENTION_CATALOGUE, TIME, type InterventionType, type Phase, type Target } from './intervention-catalogue';
import type { PainScoreReading } from './pain-score';
import type { InterventionInput, VisitInput } from './patient-evidence';
import {
  RESPONDER_PCT,
  diagnosticCategory,
  reliefPercent,
  therapeuticCategory,
  type ResponseCategory,
} from './response-category';
import { maxOf, median, minOf, roundTo } from './statistics';

export interface WindowAssessment {
  phase: Phase;
  label: string;
  /** ISO times of the window on the calendar. */
  from: string;
  to: string;
  n: number;
  median: number | null;
  /** Baseline − median, in NRS points; positive means less pain. */
  relief: number | null;
  reliefPct: number | null;
  /** Best single score in the window, as % below baseline. */
  peakReliefPct: number | null;
  category: ResponseCategory;
}

export interface ResponseAssessment {
  interventionId: string;
  type: InterventionType;
  target: Target;
  diagnostic: boolean;
  performedAt: string;
  status: 'assessed' | 'insufficient_data';
  baseline: Baseline | null;
  windows: WindowAssessment[];
  /** Headline: the anaesthetic phase for a diagnostic block, otherwise the therapeutic phase. */
  category: ResponseCategory;
  peakReliefPct: number | null;
  timeToPeakHours: number | null;
  /** Days until the last score still ≥ 30 % below baseline. */
  durationDays: number | null;
  confounded: boolean;
  confoundedBy: ConfoundingIntervention[];
}

/** Minimum scores for a window to be read: one suffices in the few hours of an anaesthetic block. */
export function minimumScoresFor(phase: Phase): number {
  return phase === 'anaesthetic' ? 1 : 2;
}

/** The textbook reading of one intervention (domain.md "Response"). */
export function assessResponse(
  intervention: InterventionInput,
  context: { scores: readonly PainScoreReading[]; visits: readonly VisitInput[]; interventions: readonly InterventionInput[] },
): ResponseAssessment {
  const info = INTERVENTION_CATALOGUE[intervention.type];
  const baseline = baselineBefore(intervention.performedAt, context.scores, context.visits);
  const timedWindows = timedWindowsOf(intervention);
  const windows = timedWindows.map((window) => assessWindow(window, context.scores, baseline));
  const confoundedBy = confoundersOf(intervention, context.interventions);
  const inAnyWindow = context.scores.filter((reading) => timedWindows.some((window) => covers(window, reading)));
  const peak = baseline ? peakOf(inAnyWindow, baseline.value, intervention.performedAt.getTime()) : null;
  const lastWindowEnd = Math.max(...timedWindows.map((window) => window.toAt));
  return {
    interventionId: intervention.id,
    type: intervention.type,
    target: info.target,
    diagnostic: info.diagnostic,
    performedAt: intervention.performedAt.toISOString(),
    status: windows.some((window) => window.category !== 'insufficient_data') ? 'assessed' : 'insufficient_data',
    baseline,
    windows,
    category: headlineCategory(windows, info.diagnostic),
    peakReliefPct: peak ? roundTo(peak.reliefPct, 1) : null,
    timeToPeakHours: peak ? roundTo(peak.hoursAfter, 2) : null,
    durationDays: baseline ? durationOf(context.scores, baseline.value, intervention.performedAt.getTime(), lastWindowEnd) : null,
    confounded: confoundedBy.length > 0,
    confoundedBy,
  };
}

function assessWindow(window: TimedWindow, scores: readonly PainScoreReading[], baseline: Baseline | null): WindowAssessment {
  const values = scores.filter((reading) => covers(window, reading)).map((reading) => reading.score);
  const windowMedian = median(values);
  const readable = baseline !== null && windowMedian !== null && values.length >= minimumScoresFor(window.phase);
  const relief = readable ? baseline.value - windowMedian : null;
  const reliefPct = relief !== null ? reliefPercent(relief, baseline!.value) : null;
  const peakReliefPct = readable ? reliefPercent(baseline.value - minOf(values), baseline.value) : null;
  let category: ResponseCategory = 'insufficient_data';
  if (relief !== null) category = window.phase === 'anaesthetic' ? diagnosticCategory(peakReliefPct) : therapeuticCategory(relief, reliefPct);
  return {
    phase: window.phase,
    label: window.label,
    from: new Date(window.fromAt).toISOString(),
    to: new Date(window.toAt).toISOString(),
    n: values.length,
    median: windowMedian,
    relief,
    reliefPct: reliefPct === null ? null : roundTo(reliefPct, 1),
    peakReliefPct: peakReliefPct === null ? null : roundTo(peakReliefPct, 1),
    category,
  };
}

function headlineCategory(windows: readonly WindowAssessment[], diagnostic: boolean): ResponseCategory {
  const readable = windows.filter((window) => window.category !== 'insufficient_data');
  const anaesthetic = readable.find((window) => window.phase === 'anaesthetic');
  const therapeutic = readable.find((window) => window.phase !== 'anaesthetic');
  const headline = diagnostic ? (anaesthetic ?? therapeutic) : (therapeutic ?? anaesthetic);
  return headline?.category ?? 'insufficient_data';
}

function covers(window: TimedWindow, reading: PainScoreReading): boolean {
  const at = reading.recordedAt.getTime();
  return at >= window.fromAt && at <= window.toAt;
}

// Earliest of equally good scores, so the time to peak does not depend on input order.
function peakOf(readings: readonly PainScoreReading[], baseline: number, performedAt: number) {
  if (readings.length === 0 || baseline <= 0) return null;
  const best = [...readings].sort((a, b) => a.score - b.score || a.recordedAt.getTime() - b.recordedAt.getTime())[0];
  return { reliefPct: reliefPercent(baseline - best.score, baseline)!, hoursAfter: (best.recordedAt.getTime() - performedAt) / TIME.HOUR };
}

function durationOf(scores: readonly PainScoreReading[], baseline: number, performedAt: number, horizon: number): number | null {
  const relievedTimes = scores
    .filter((reading) => reading.recordedAt.getTime() > performedAt && reading.recordedAt.getTime() <= horizon)
    .filter((reading) => (reliefPercent(baseline - reading.score, baseline) ?? 0) >= RESPONDER_PCT)
    .map((reading) => reading.recordedAt.getTime());
  if (relievedTimes.length === 0) return null;
  return roundTo((maxOf(relievedTimes) - performedAt) / TIME.DAY, 2);
}
