/** Shapes of the analyst API (see /api/docs); a cell is a number or { suppressed: true }. */
export interface Suppressed { suppressed: true }
export type Shown<T> = T | Suppressed;
export interface Interval { low: number; high: number }

export const isSuppressed = (v: unknown): v is Suppressed => typeof v === 'object' && v !== null && (v as Suppressed).suppressed === true;
/** How a suppressed cell reads everywhere in the workspace. */
export const SUPPRESSED_TEXT = '<11';
export const shown = (v: Shown<number | string> | null | undefined, format: (n: number) => string = String): string =>
  v === null || v === undefined ? '—' : isSuppressed(v) ? SUPPRESSED_TEXT : typeof v === 'number' ? format(v) : v;

export interface TrajectoryResponse { days: Array<{ day: number; patients: Shown<number>; mean: Shown<number>; ci: Shown<Interval | null> }> }
export interface ResponderRatesResponse {
  definition: string;
  items: Array<{ interventionType: string; label: string; target: string; patients: Shown<number>; responders: Shown<number>; rate: Shown<number>; ci: Shown<Interval | null> }>;
}
export interface AttributionsResponse {
  patients: Shown<number>;
  byClassification: Array<{ classification: string; patients: Shown<number> }>;
  byLean: Array<{ lean: string; patients: Shown<number> }>;
  byClassificationAndLean: Array<{ classification: string; cells: Array<{ lean: string; patients: Shown<number> }> }>;
  pictureAgreesWithResponse: { agree: Shown<number>; disagree: Shown<number>; notComparable: Shown<number> };
}
export interface WaterfallResponse { interventionType: string; label: string; patients: Shown<number>; bars: Shown<Array<{ pseudonym: string; changePct: number; category: string }>> }
export interface SmsAdherenceResponse {
  definition: string;
  items: Array<{ step: string; patients: Shown<number>; promptsSent: Shown<number>; promptsAnswered: Shown<number>; rate: Shown<number>; ci: Shown<Interval | null> }>;
}
