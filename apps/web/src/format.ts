import { CONFIDENT_PROBABILITY } from '../../../libs/domain/src/calibration-fit';
import type { Classification, Target } from './types';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const TARGET_COLOURS: Record<Target, string> = { knee: '#0072B2', spine: '#D55E00', systemic: '#6B6B6B' };
export const TARGET_LABELS: Record<Target, string> = { knee: 'Knee-directed', spine: 'Spine-directed', systemic: 'Systemic' };

const DIRECTION: Record<Classification, string> = {
  knee: 'knee-directed',
  spine: 'spine-directed',
  mixed: 'both knee- and spine-directed',
  neither: 'neither knee- nor spine-directed',
  inconclusive: 'not yet clear',
};

/** "Likely spine-directed, 86 %" — the probability in words a clinician reads at a glance. */
export function classificationInWords(classification: Classification, probability: number): string {
  const pct = probabilityPct(probability);
  if (classification === 'inconclusive') return `Not yet clear (leading answer ${pct})`;
  const likelihood = probability >= 0.9 ? 'Very likely' : probability >= 0.7 ? 'Likely' : probability >= 0.5 ? 'More likely than not' : 'Possibly';
  return `${likelihood} ${DIRECTION[classification]}, ${pct}`;
}

/**
 * Answers this close under the confident line may be better than they say: the engine caps answers that fall short of
 * confident just under it (docs/inference.md §2.2).
 */
const NEAR_CONFIDENT = 0.05;

/** What the percentage beside a named source means, in one line: it is calibrated, and 80 % is a promise. */
export function probabilityMeaning(classification: Classification, probability: number): string | null {
  if (classification === 'inconclusive') return null;
  if (probability >= CONFIDENT_PROBABILITY) return 'Confident: 80 % or more is shown only where such answers were almost never wrong when the engine was validated.';
  const pct = probabilityPct(probability);
  const capped = probability >= CONFIDENT_PROBABILITY - NEAR_CONFIDENT ? ' — or more: answers that fall short of confident are shown just under 80 %' : '';
  return `Of validation patients shown ${pct}, about ${pct} were right${capped}.`;
}

/** A model is never 100 % sure; showing "100 %" would claim it is. */
export const probabilityPct = (p: number) => (p > 0.99 ? '> 99 %' : p < 0.01 ? '< 1 %' : `${Math.round(p * 100)} %`);

export const shortClassification = (c: Classification | null | undefined, p: number | null | undefined): string =>
  c ? `${c === 'inconclusive' ? 'not yet clear' : DIRECTION[c].replace('-directed', '')}${p !== null && p !== undefined ? ` · ${probabilityPct(p)}` : ''}` : '—';

/** Short names for chart labels, where the full catalogue label would not fit. */
const SHORT: Record<string, string> = {
  knee_anesthetic_injection: 'Knee block', knee_corticosteroid_injection: 'Knee steroid', knee_hyaluronic_acid: 'Knee HA', knee_prp: 'Knee PRP',
  genicular_nerve_block: 'Genicular block', knee_arthroscopy: 'Arthroscopy', pt_quadriceps_strengthening: 'Quad PT', transforaminal_esi: 'TF-ESI',
  interlaminar_esi: 'IL-ESI', caudal_esi: 'Caudal ESI', selective_nerve_root_block: 'Root block', pt_extension_mobilization: 'Extension PT',
  lumbar_decompression: 'Decompression', oral_nsaid: 'NSAID', oral_corticosteroid: 'Oral steroid', gabapentinoid: 'Gabapentinoid', other: 'Other',
};
export const shortType = (type: string) => SHORT[type] ?? humanize(type);

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function date(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }) : '—';
}

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v)} %`);
export const humanize = (s: string) => s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** An <input type="datetime-local"> value as ISO-8601 with this browser's offset, as the API asks. */
export function localInputToIso(value: string): string {
  const d = new Date(value);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${value.length === 16 ? `${value}:00` : value}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export const nowLocalInput = () => isoToLocalInput(new Date().toISOString());
