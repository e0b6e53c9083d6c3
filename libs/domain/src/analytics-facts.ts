import type { ClinicalLean } from './clinical-picture';
import { INTERVENTION_CATALOGUE, TIME, type InterventionType, type Target } from './intervention-catalogue';
import type { ResponseAssessment } from './response-assessment';
import { isFavourable, type ResponseCategory } from './response-category';
import { mean, roundTo } from './statistics';
import type { SourceClassification } from './attribution';

/**
 * The de-identified facts the analyst views are aggregated from, derived per patient by the worker.
 * Only pseudonyms and times relative to an intervention leave this function; the enrolment month is
 * kept for filtering and never shown.
 */

/** Trajectory days kept around each intervention: the 14-day baseline and the longest common windows. */
export const TRAJECTORY_FIRST_DAY = -14;
export const TRAJECTORY_LAST_DAY = 90;

export interface AnalyticsPatientSource {
  pseudonym: string;
  enrolledAt: Date;
  classification: SourceClassification | null;
  clinicalLean: ClinicalLean | null;
  pictureAgrees: boolean | null;
  interventions: ReadonlyArray<{ id: string; type: InterventionType; performedAt: Date }>;
  assessments: readonly ResponseAssessment[];
  scores: ReadonlyArray<{ score: number; recordedAt: Date }>;
  /** Diary prompts (reminders excluded: their answer is stored on the prompt they remind of). */
  prompts: ReadonlyArray<{ interventionId: string | null; kind: 'baseline' | 'follow_up'; offsetMinutes: number | null; sent: boolean; answered: boolean }>;
}

export interface AnalyticsEpisodeFact {
  interventionId: string;
  /** 1 for the patient's first intervention, 2 for the next… (ties broken by id, so stable). */
  sequence: number;
  /** 1 for the patient's first intervention of this type. */
  typeSequence: number;
  type: InterventionType;
  target: Target;
  diagnostic: boolean;
  /** Whole days since the patient's first intervention. */
  dayFromFirst: number;
  assessed: boolean;
  category: ResponseCategory;
  /** Responder (therapeutic) or positive block (diagnostic); null when not assessed. */
  favourable: boolean | null;
  baseline: number | null;
  /** % change of pain from baseline in the headline window (negative = less pain). */
  changePct: number | null;
  confounded: boolean;
}

export interface AnalyticsDayFact {
  interventionId: string;
  day: number;
  meanPain: number;
  scores: number;
}

export interface AnalyticsObservationFact {
  /** The intervention (by sequence) the time is measured from: the latest one before, else the first. */
  anchorSequence: number;
  offsetHours: number;
  score: number;
}

export interface AnalyticsSmsStepFact {
  interventionType: InterventionType;
  kind: 'baseline' | 'follow_up';
  /** Minutes after the intervention for follow-ups; null for baseline prompts. */
  stepMinutes: number | null;
  sent: number;
  answered: number;
}

export interface AnalyticsPatientFacts {
  patient: { pseudonym: string; enrolledMonth: string; classification: SourceClassification | null; clinicalLean: ClinicalLean | null; pictureAgrees: boolean | null };
  episodes: AnalyticsEpisodeFact[];
  days: AnalyticsDayFact[];
  observations: AnalyticsObservationFact[];
  smsSteps: AnalyticsSmsStepFact[];
}

export function analyticsFactsOf(source: AnalyticsPatientSource): AnalyticsPatientFacts {
  const interventions = [...source.interventions].sort((a, b) => a.performedAt.getTime() - b.performedAt.getTime() || a.id.localeCompare(b.id));
  const assessmentOf = new Map(source.assessments.map((a) => [a.interventionId, a]));
  const first = interventions[0]?.performedAt.getTime();
  const typeCount = new Map<InterventionType, number>();
  const episodes = interventions.map((intervention, index): AnalyticsEpisodeFact => {
    const info = INTERVENTION_CATALOGUE[intervention.type];
    const typeSequence = (typeCount.get(intervention.type) ?? 0) + 1;
    typeCount.set(intervention.type, typeSequence);
    const assessment = assessmentOf.get(intervention.id);
    const assessed = assessment?.status === 'assessed' && assessment.category !== 'insufficient_data';
    return {
      interventionId: intervention.id,
      sequence: index + 1,
      typeSequence,
      type: intervention.type,
      target: info.target,
      diagnostic: info.diagnostic,
      dayFromFirst: Math.floor((intervention.performedAt.getTime() - first) / TIME.DAY),
      assessed,
      category: assessment?.category ?? 'insufficient_data',
      favourable: assessed ? isFavourable(assessment!.category) : null,
      baseline: assessment?.baseline?.value ?? null,
      changePct: assessment ? headlineChangePct(assessment) : null,
      confounded: assessment?.confounded ?? false,
    };
  });

  return {
    patient: {
      pseudonym: source.pseudonym,
      enrolledMonth: `${source.enrolledAt.toISOString().slice(0, 7)}-01`,
      classification: source.classification,
      clinicalLean: source.clinicalLean,
      pictureAgrees: source.pictureAgrees,
    },
    episodes,
    days: interventions.flatMap((intervention) => daysAround(intervention.id, intervention.performedAt.getTime(), source.scores)),
    observations: observationsOf(interventions, source.scores),
    smsSteps: smsStepsOf(interventions, source.prompts),
  };
}

/**
 * The headline window's change, read the way its category is read: a diagnostic block on its peak
 * relief in the anaesthetic phase, anything else on the median of its therapeutic window.
 */
export function headlineChangePct(assessment: ResponseAssessment): number | null {
  const readable = assessment.windows.filter((w) => w.category !== 'insufficient_data');
  const anaesthetic = readable.find((w) => w.phase === 'anaesthetic');
  const therapeutic = readable.find((w) => w.phase !== 'anaesthetic');
  const headline = assessment.diagnostic ? (anaesthetic ?? therapeutic) : (therapeutic ?? anaesthetic);
  if (!headline) return null;
  const relief = headline.phase === 'anaesthetic' ? headline.peakReliefPct : headline.reliefPct;
  return relief === null ? null : roundTo(-relief, 1) + 0;
}

function daysAround(interventionId: string, performedAt: number, scores: AnalyticsPatientSource['scores']): AnalyticsDayFact[] {
  const byDay = new Map<number, number[]>();
  for (const s of scores) {
    const day = Math.floor((s.recordedAt.getTime() - performedAt) / TIME.DAY);
    if (day < TRAJECTORY_FIRST_DAY || day > TRAJECTORY_LAST_DAY) continue;
    const list = byDay.get(day) ?? [];
    list.push(s.score);
    byDay.set(day, list);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, values]) => ({ interventionId, day, meanPain: mean(values)!, scores: values.length }));
}

function observationsOf(interventions: ReadonlyArray<{ performedAt: Date }>, scores: AnalyticsPatientSource['scores']): AnalyticsObservationFact[] {
  if (interventions.length === 0) return [];
  const times = interventions.map((i) => i.performedAt.getTime());
  return [...scores]
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.score - b.score)
    .map((s) => {
      const t = s.recordedAt.getTime();
      let anchor = 0;
      for (let i = 0; i < times.length; i++) if (times[i] <= t) anchor = i;
      return { anchorSequence: anchor + 1, offsetHours: roundTo((t - times[anchor]) / TIME.HOUR, 2) + 0, score: s.score };
    });
}

function smsStepsOf(interventions: ReadonlyArray<{ id: string; type: InterventionType }>, prompts: AnalyticsPatientSource['prompts']): AnalyticsSmsStepFact[] {
  const typeOf = new Map(interventions.map((i) => [i.id, i.type]));
  const steps = new Map<string, AnalyticsSmsStepFact>();
  for (const p of prompts) {
    // Unsent prompts (pending, skipped after STOP, cancelled) asked nothing, so they cannot go unanswered.
    if (!p.sent || !p.interventionId) continue;
    const type = typeOf.get(p.interventionId);
    if (!type) continue;
    const stepMinutes = p.kind === 'baseline' ? null : p.offsetMinutes;
    const key = `${type}|${p.kind}|${stepMinutes}`;
    const step = steps.get(key) ?? { interventionType: type, kind: p.kind, stepMinutes, sent: 0, answered: 0 };
    step.sent++;
    if (p.answered) step.answered++;
    steps.set(key, step);
  }
  return [...steps.values()];
}

/** "+30 min", "+4 h", "+14 d", "baseline" — prompt steps as an analyst reads them. */
export function smsStepLabel(kind: 'baseline' | 'follow_up', stepMinutes: number | null): string {
  if (kind === 'baseline' || stepMinutes === null) return 'baseline';
  if (stepMinutes % 1440 === 0) return `+${stepMinutes / 1440} d`;
  if (stepMinutes % 60 === 0) return `+${stepMinutes / 60} h`;
  return `+${stepMinutes} min`;
}
