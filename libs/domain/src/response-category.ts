/**
 * The textbook response categories of domain.md "Categories". Pure thresholds, tested at every
 * boundary; the attribution model reads the raw numbers, not these labels.
 */
export const DIAGNOSTIC_CATEGORIES = ['strongly_positive', 'positive', 'negative'] as const;
export const THERAPEUTIC_CATEGORIES = ['responder', 'partial', 'non_responder', 'worse'] as const;
export type DiagnosticCategory = (typeof DIAGNOSTIC_CATEGORIES)[number];
export type TherapeuticCategory = (typeof THERAPEUTIC_CATEGORIES)[number];
export type ResponseCategory = DiagnosticCategory | TherapeuticCategory | 'insufficient_data';

/** The NRS minimal clinically important difference, in points. */
export const MCID_POINTS = 2;
export const RESPONDER_PCT = 30;
export const PARTIAL_PCT = 15;
export const PARTIAL_POINTS = 1;
export const WORSE_POINTS = 2;
export const DIAGNOSTIC_POSITIVE_PCT = 50;
export const DIAGNOSTIC_STRONG_PCT = 80;

/** Relief as a percentage of baseline; null when the baseline is 0 and no relief is possible. */
export function reliefPercent(relief: number, baseline: number): number | null {
  // × 100 before ÷ keeps boundary cases exact (3 of 10 is 30 %, not 30.000000000000004 %).
  return baseline > 0 ? (relief * 100) / baseline : null;
}

/** A diagnostic block is read on its best moment: the peak relief % in the anaesthetic window. */
export function diagnosticCategory(peakReliefPct: number | null): DiagnosticCategory {
  if (peakReliefPct === null) return 'negative';
  if (peakReliefPct >= DIAGNOSTIC_STRONG_PCT) return 'strongly_positive';
  if (peakReliefPct >= DIAGNOSTIC_POSITIVE_PCT) return 'positive';
  return 'negative';
}

/** A therapeutic window is read on its median: relief in points and as % of baseline. */
export function therapeuticCategory(reliefPoints: number, reliefPct: number | null): TherapeuticCategory {
  if (reliefPoints <= -WORSE_POINTS) return 'worse';
  if (reliefPct !== null && reliefPct >= RESPONDER_PCT && reliefPoints >= MCID_POINTS) return 'responder';
  if ((reliefPct !== null && reliefPct >= PARTIAL_PCT) || reliefPoints >= PARTIAL_POINTS) return 'partial';
  return 'non_responder';
}

export function isFavourable(category: ResponseCategory): boolean {
  return category === 'strongly_positive' || category === 'positive' || category === 'responder';
}
