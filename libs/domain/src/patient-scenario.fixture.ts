import type { VisitFindings } from './findings';
import { TIME, type InterventionType } from './intervention-catalogue';
import type { PainScoreReading } from './pain-score';
import type { IndexKnee, InterventionInput, PatientEvidenceInput, VisitInput } from './patient-evidence';

/** Scenario builder for specs: days count from the first intervention's day 0, scores at 09:00. */
export const DAY_0 = Date.UTC(2025, 2, 3, 0, 0, 0);

export function at(day: number, hours = 9): Date {
  return new Date(DAY_0 + day * TIME.DAY + hours * TIME.HOUR);
}

/** A small, repeating day-to-day wobble so diaries look like diaries, but specs stay deterministic. */
const WOBBLE = [0, 1, -1, 0, 1, 0, -1];

export function diary(fromDay: number, toDay: number, painOn: (day: number) => number, options: { skip?: (day: number) => boolean; wobble?: boolean } = {}): PainScoreReading[] {
  const readings: PainScoreReading[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    if (options.skip?.(day)) continue;
    const wobble = options.wobble === false ? 0 : WOBBLE[((day % 7) + 7) % 7];
    readings.push({ score: Math.max(0, Math.min(10, Math.round(painOn(day) + wobble))), recordedAt: at(day), source: 'sms_link' });
  }
  return readings;
}

/** Scores in the hours after a block, e.g. at +30 min, +1 h, +2 h, +4 h. */
export function hoursAfter(day: number, performedAtHour: number, hours: number[], score: number): PainScoreReading[] {
  return hours.map((h) => ({ score, recordedAt: at(day, performedAtHour + h), source: 'sms_link' as const }));
}

export function intervention(id: string, type: InterventionType, day: number, extra: Partial<InterventionInput> = {}): InterventionInput {
  return { id, type, performedAt: at(day, extra.performedAt ? 0 : 10), ...extra };
}

export function visit(id: string, day: number, findings: VisitFindings, clinicPain: number | null = null): VisitInput {
  return { id, occurredAt: at(day, 8), clinicPain, findings };
}

export const MEDIAL_RADICULAR_FINDINGS: VisitFindings = {
  location: { medial: 'present', radiationFromBackOrButtock: 'present', painBelowKnee: 'present' },
  character: { burning: 'present', waxingWaningWithFlares: 'present' },
  history: { lowBackPain: 'present' },
  exam: { femoralNerveStretch: 'present', jointLineTenderness: 'absent', effusion: 'absent' },
};

export const MEDIAL_KNEE_FINDINGS: VisitFindings = {
  location: { medial: 'present' },
  aggravatedBy: { stairs: 'present', weightBearing: 'present' },
  history: { stiffnessAfterInactivity: 'present', crepitus: 'present' },
  exam: { jointLineTenderness: 'present', mcmurray: 'present', straightLegRaise: 'absent' },
  imaging: { kneeXrayKellgrenLawrence: 3 },
};

export function patient(parts: Partial<PatientEvidenceInput> & Pick<PatientEvidenceInput, 'scores' | 'interventions'>): PatientEvidenceInput {
  return { indexKnee: 'right', visits: [], ...parts };
}
