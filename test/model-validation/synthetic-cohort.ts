import type { FindingState, VisitFindings } from '../../libs/domain/src/findings';
import type { InterventionType, Laterality } from '../../libs/domain/src/intervention-catalogue';
import type { PainScoreReading } from '../../libs/domain/src/pain-score';
import type { IndexKnee, InterventionInput, PatientEvidenceInput } from '../../libs/domain/src/patient-evidence';
import type { PainSource } from '../../libs/domain/src/attribution';
import { Random } from './random';

/**
 * Synthetic patients with a known pain source, drawn from distributions of their own (not the
 * engine's expectations) and seeded with the traps of domain.md at clinic-like rates.
 */
export interface SyntheticPatient {
  id: string;
  truth: PainSource;
  traps: string[];
  /**
   * Ground truth about the tests, invisible to the engine: both targets were tried, and each
   * try reached its generator and, where that target hurts, was a treatment that works for this patient.
   */
  validTests: boolean;
  /** Share of the patient's pain carried by the knee and by the spine (0, a share, or 1). */
  kneeShare: number;
  spineShare: number;
  /** What each intervention really did, invisible to the engine: the harness's definition of "answerable" reads it. */
  care: CareTruth[];
  /** The generator's own per-patient draws, invisible to the engine: only the oracle (oracle.ts) reads them. */
  latent: Latent;
  input: PatientEvidenceInput;
}

/** Everything the generator drew for one patient except the source-dependent treatment efficacies' meaning. */
export interface Latent {
  level: number;
  trendPerDay: number;
  /** Extra pain by integer day. */
  flares: Map<number, number>;
  noiseSd: number;
  autocorrelation: number;
  plans: Planned[];
  /** recordedAt (ms) of the follow-up answers after a block: they share the day's noise plus a jitter of noiseSd / 3. */
  blockScoreTimes: Set<number>;
}

/** Ground truth about one intervention. */
export interface CareTruth {
  interventionId: string;
  acts: 'knee' | 'spine' | 'everything';
  /** Share of its effect that reaches the true generator: 1 on target, 0.5 for one of two painful knees, ≈0 off level / other knee. */
  reach: number;
  /** Efficacy (fraction of the targeted share removed at full strength) of each phase it has. */
  efficacy: Partial<Record<EffectKind, number>>;
}

type Root = 'L3/L4' | 'L5/S1';
export type EffectKind = 'anaesthetic' | 'steroid' | 'biologic' | 'course' | 'systemic';

export interface Effect {
  kind: EffectKind;
  /** Fraction of the targeted share of pain it removes at full strength. */
  efficacy: number;
  /** Days the steroid or course keeps working before fading. */
  lastsDays: number;
  /** Hours the anaesthetic works. */
  hours: number;
}

export interface Planned {
  input: InterventionInput;
  day: number;
  acts: 'knee' | 'spine' | 'everything';
  /** Share of its effect that reaches the true generator: 0 when off target, 0.5 for one of two painful knees. */
  reach: number;
  effects: Effect[];
  placebo: number;
}

export const EPOCH = Date.UTC(2025, 0, 6);
export const DAY_MS = 86_400_000;
const BLOCK_PROMPT_HOURS = [0.5, 1, 2, 4, 6];
/**
 * Response rates of treatments that reach the true generator (docs/inference.md §3): a diagnostic
 * block with local anaesthetic relieves ≥ 60 % in ~90 %; epidural and intra-articular steroids are
 * short-term responders in ~70 %; hyaluronic acid / PRP ~55 %; a PT course ~60 %.
 */
export const RESPONSE_RATE = { anaesthetic: 0.9, steroid: 0.7, biologic: 0.55, course: 0.6 } as const;
export const PLACEBO_RESPONDER_RATE = 0.25;

const KNEE_FINDINGS: Array<[keyof VisitFindings, string]> = [
  ['aggravatedBy', 'weightBearing'], ['aggravatedBy', 'stairs'], ['aggravatedBy', 'squatting'], ['aggravatedBy', 'prolongedStanding'],
  ['character', 'steadyMechanical'], ['history', 'stiffnessAfterInactivity'], ['history', 'crepitus'], ['history', 'kneeTrauma'],
  ['exam', 'jointLineTenderness'], ['exam', 'effusion'], ['exam', 'crepitusOnMotion'], ['exam', 'mcmurray'], ['exam', 'patellarGrind'],
  ['exam', 'painReproducedBySquatOrPalpation'],
];
const RADICULAR_FINDINGS: Array<[keyof VisitFindings, string]> = [
  ['location', 'radiationFromBackOrButtock'], ['location', 'painBelowKnee'], ['character', 'burning'], ['character', 'shooting'],
  ['character', 'sharp'], ['character', 'waxingWaningWithFlares'], ['aggravatedBy', 'sitting'], ['aggravatedBy', 'coughSneeze'],
  ['history', 'lowBackPain'], ['exam', 'straightLegRaise'], ['exam', 'crossedStraightLegRaise'], ['exam', 'femoralNerveStretch'],
  ['exam', 'motorWeakness'],
];
/** Chance that each knee / radicular finding is present, by true source: the picture overlaps, as the article warns. */
const FINDING_RATES: Record<PainSource, { knee: number; radicular: number }> = {
  knee: { knee: 0.4, radicular: 0.1 },
  spine: { knee: 0.15, radicular: 0.35 },
  mixed: { knee: 0.3, radicular: 0.28 },
  neither: { knee: 0.15, radicular: 0.12 },
};

export function syntheticCohort(seed: number, size: number): SyntheticPatient[] {
  const random = new Random(seed);
  return Array.from({ length: size }, (_, index) => syntheticPatient(random, `S${seed}-${index}`));
}

function syntheticPatient(random: Random, id: string): SyntheticPatient {
  const traps: string[] = [];
  const truth = random.pick<PainSource>([['knee', 0.36], ['spine', 0.28], ['mixed', 0.16], ['neither', 0.2]]);
  const kneeShare = truth === 'knee' ? 1 : truth === 'spine' ? 0 : truth === 'mixed' ? random.uniform(0.35, 0.65) : 0;
  const spineShare = truth === 'spine' ? 1 : truth === 'mixed' ? 1 - kneeShare : 0;
  const root: Root = random.chance(0.6) ? 'L3/L4' : 'L5/S1';
  const indexKnee = random.pick<IndexKnee>([['right', 0.45], ['left', 0.45], ['bilateral', 0.1]]);
  const { findings, locationRoot } = findingsFor(random, truth, root);
  const mriShowsRoot = (findings.imaging?.lumbarMri?.length ?? 0) > 0;

  // About a quarter of patients are placebo responders: partial relief for a day or two after every procedure.
  const placeboResponder = random.chance(PLACEBO_RESPONDER_RATE);
  if (placeboResponder) traps.push('placebo_responder');
  const plans = planCare(random, { truth, kneeShare, spineShare, root, indexKnee, locationRoot, mriShowsRoot, placeboResponder }, traps);
  const { painAt, curve } = painCurve(random, truth, plans, { kneeShare, spineShare }, traps);
  const { scores, enrolmentDay, enrolmentPain, noise } = diaryOf(random, painAt, plans, traps);
  const validTest = (target: 'knee' | 'spine', share: number) =>
    plans.some((plan) => plan.acts === target && plan.reach >= 0.5 && (share === 0 || plan.effects.every((effect) => effect.efficacy >= 0.3)));
  return {
    id,
    truth,
    traps,
    validTests: validTest('knee', kneeShare) && validTest('spine', spineShare),
    kneeShare,
    spineShare,
    care: plans.map((plan) => ({
      interventionId: plan.input.id,
      acts: plan.acts,
      reach: plan.reach,
      efficacy: Object.fromEntries(plan.effects.map((effect) => [effect.kind, effect.efficacy])),
    })),
    latent: { ...curve, ...noise, plans },
    input: {
      indexKnee,
      scores: random.shuffle(scores),
      interventions: random.shuffle(plans.map((plan) => plan.input)),
      visits: [{ id: `${id}-v1`, occurredAt: dateOf(enrolmentDay + 8 / 24), clinicPain: enrolmentPain, findings }],
    },
  };
}

function dateOf(day: number): Date {
  return new Date(EPOCH + Math.round(day * DAY_MS));
}

function findingsFor(random: Random, truth: PainSource, root: Root) {
  const findings: VisitFindings = { location: {}, character: {}, aggravatedBy: {}, history: {}, exam: {}, imaging: {} };
  const set = (group: keyof VisitFindings, name: string, state: FindingState) => {
    (findings[group] as Record<string, FindingState>)[name] = state;
  };
  const rates = FINDING_RATES[truth];
  for (const [group, name] of KNEE_FINDINGS) set(group, name, random.chance(rates.knee) ? 'present' : random.chance(0.7) ? 'absent' : 'not_assessed');
  for (const [group, name] of RADICULAR_FINDINGS) set(group, name, random.chance(rates.radicular) ? 'present' : random.chance(0.7) ? 'absent' : 'not_assessed');
  const radicular = truth === 'spine' || truth === 'mixed';
  const location = radicular && random.chance(0.75)
    ? root === 'L3/L4' ? random.pick([['medial', 0.6], ['anterior', 0.4]] as const) : random.pick([['lateral', 0.6], ['posterior', 0.4]] as const)
    : random.pick([['medial', 0.4], ['anterior', 0.25], ['lateral', 0.2], ['posterior', 0.05], ['diffuse', 0.1]] as const);
  set('location', location, 'present');
  if (truth === 'knee' || truth === 'mixed' || random.chance(0.3)) findings.imaging!.kneeXrayKellgrenLawrence = random.pick([[1, 0.2], [2, 0.35], [3, 0.3], [4, 0.15]] as const);
  if (radicular ? random.chance(0.6) : random.chance(0.2)) {
    findings.imaging!.lumbarMri = [{ finding: random.chance(0.5) ? 'disc_herniation' : 'foraminal_stenosis', level: root === 'L3/L4' ? 'L3-L4' : 'L5-S1', side: 'left' }];
  }
  const locationRoot: Root | null = location === 'medial' || location === 'anterior' ? 'L3/L4' : location === 'diffuse' ? null : 'L5/S1';
  return { findings, locationRoot };
}

interface CarePlanContext {
  truth: PainSource;
  kneeShare: number;
  spineShare: number;
  root: Root;
  indexKnee: IndexKnee;
  locationRoot: Root | null;
  mriShowsRoot: boolean;
  placeboResponder: boolean;
}

/** Clinic pathways, adaptive like real care: the second target is often tried only after the first failed. */
function planCare(random: Random, context: CarePlanContext, traps: string[]): Planned[] {
  const plans: Planned[] = [];
  const pathway = random.pick([['knee_first', 0.4], ['spine_first', 0.25], ['same_week', 0.15], ['single', 0.1], ['blocks', 0.1]] as const);
  traps.push(`pathway:${pathway}`);
  const add = (target: 'knee' | 'spine', day: number, type?: InterventionType) => {
    const plan = target === 'knee' ? kneePlan(random, context, day, plans.length, traps, type) : spinePlan(random, context, day, plans.length, traps, type);
    plans.push(plan);
    return plan;
  };
  const helped = (plan: Planned) => relievedShare(plan, context) >= 0.3;
  if (pathway === 'knee_first' || pathway === 'spine_first') {
    const first = pathway === 'knee_first' ? 'knee' : 'spine';
    const firstPlan = add(first, 0);
    if (!helped(firstPlan) || random.chance(0.2)) add(first === 'knee' ? 'spine' : 'knee', random.integer(35, 60));
  } else if (pathway === 'same_week') {
    const gap = random.integer(2, 6);
    const kneeFirst = random.chance(0.5);
    add(kneeFirst ? 'knee' : 'spine', 0);
    add(kneeFirst ? 'spine' : 'knee', gap);
  } else if (pathway === 'single') {
    add(random.chance(0.6) ? 'knee' : 'spine', 0);
  } else {
    add('knee', 0, random.chance(0.7) ? 'knee_anesthetic_injection' : 'genicular_nerve_block');
    add('spine', random.integer(7, 21), 'selective_nerve_root_block');
  }
  if (random.chance(0.15)) {
    traps.push('systemic_overlap');
    const day = random.integer(-3, 70) + 0.5;
    plans.push({
      input: { id: `i${plans.length}`, type: 'oral_nsaid', performedAt: dateOf(day) },
      day,
      acts: 'everything',
      reach: 1,
      effects: [{ kind: 'systemic', efficacy: random.uniform(0.1, 0.25), lastsDays: 14, hours: 0 }],
      placebo: 0,
    });
  }
  return plans;
}

/** What fraction of the patient's pain an intervention takes away at its best — the clinician's "did it work?". */
function relievedShare(plan: Planned, context: CarePlanContext): number {
  const share = plan.acts === 'knee' ? context.kneeShare : context.spineShare;
  const best = Math.max(...plan.effects.map((effect) => (effect.kind === 'anaesthetic' ? effect.efficacy * 0.6 : effect.efficacy)));
  return share * plan.reach * best;
}

function kneePlan(random: Random, context: CarePlanContext, day: number, index: number, traps: string[], forced?: InterventionType): Planned {
  const type = forced ?? random.pick<InterventionType>([
    ['knee_corticosteroid_injection', 0.45], ['knee_anesthetic_injection', 0.15], ['genicular_nerve_block', 0.1],
    ['knee_hyaluronic_acid', 0.1], ['knee_prp', 0.05], ['pt_quadriceps_strengthening', 0.15],
  ]);
  let laterality: Laterality = context.indexKnee;
  let reach = 1;
  if (context.indexKnee === 'bilateral' && random.chance(0.6)) {
    laterality = random.chance(0.5) ? 'left' : 'right';
    reach = 0.5;
    traps.push('bilateral_one_side_treated');
  } else if (context.indexKnee !== 'bilateral' && random.chance(0.03)) {
    laterality = context.indexKnee === 'left' ? 'right' : 'left';
    reach = 0;
    traps.push('other_knee_injected');
  }
  const performedAt = dateOf(day + 10 / 24);
  const endedAt = type === 'pt_quadriceps_strengthening' ? dateOf(day + random.integer(35, 70)) : null;
  return {
    input: { id: `i${index}`, type, performedAt, endedAt, laterality },
    day: day + 10 / 24,
    acts: 'knee',
    reach,
    effects: effectsOf(random, type, 'knee', endedAt ? (endedAt.getTime() - performedAt.getTime()) / DAY_MS : 0),
    placebo: type.startsWith('pt_') ? 0 : placeboOf(random, context),
  };
}

function spinePlan(random: Random, context: CarePlanContext, day: number, index: number, traps: string[], forced?: InterventionType): Planned {
  const type = forced ?? random.pick<InterventionType>([
    ['transforaminal_esi', 0.4], ['selective_nerve_root_block', 0.25], ['interlaminar_esi', 0.1], ['caudal_esi', 0.05], ['pt_extension_mobilization', 0.2],
  ]);
  const rootSpecific = type === 'transforaminal_esi' || type === 'selective_nerve_root_block';
  // The clinician aims by the lumbar MRI when it shows a lesion, else by the pain pattern, else by guess.
  const otherRoot: Root = context.root === 'L3/L4' ? 'L5/S1' : 'L3/L4';
  let aimedRoot: Root = context.mriShowsRoot ? context.root : (context.locationRoot ?? (random.chance(0.5) ? context.root : otherRoot));
  if (rootSpecific && random.chance(0.1)) {
    aimedRoot = aimedRoot === 'L3/L4' ? 'L5/S1' : 'L3/L4';
    traps.push('wrong_level');
  }
  const level = aimedRoot === 'L3/L4' ? random.pick([['L3-L4', 0.75], ['L4-L5', 0.25]] as const) : random.pick([['L5-S1', 0.75], ['L4-L5', 0.25]] as const);
  const hitsRoot = !rootSpecific || (level === 'L4-L5' ? random.chance(0.75) : aimedRoot === context.root);
  if (rootSpecific && !hitsRoot) traps.push('missed_root');
  const side: Laterality = context.indexKnee === 'bilateral' ? 'bilateral' : context.indexKnee;
  const performedAt = dateOf(day + 10 / 24);
  const endedAt = type === 'pt_extension_mobilization' ? dateOf(day + random.integer(35, 70)) : null;
  return {
    input: { id: `i${index}`, type, performedAt, endedAt, laterality: side, spinalLevels: type.startsWith('pt_') ? [] : [level] },
    day: day + 10 / 24,
    acts: 'spine',
    reach: hitsRoot ? 1 : 0.1,
    effects: effectsOf(random, type, 'spine', endedAt ? (endedAt.getTime() - performedAt.getTime()) / DAY_MS : 0),
    placebo: type.startsWith('pt_') ? 0 : placeboOf(random, context),
  };
}

/**
 * Placebo after a procedure: sham-controlled blocks and injection trials show partial (20–50 %),
 * short-lived relief in roughly a quarter of patients; the rest notice little (0–8 %).
 */
function placeboOf(random: Random, context: CarePlanContext): number {
  return context.placeboResponder ? random.uniform(0.2, 0.5) : random.uniform(0, 0.08);
}

/** How well a treatment works on its own generator: blocks nearly always, steroids for most, biologics and PT for some. */
function effectsOf(random: Random, type: InterventionType, target: 'knee' | 'spine', courseDays: number): Effect[] {
  const anaesthetic = (): Effect => ({ kind: 'anaesthetic', efficacy: random.chance(RESPONSE_RATE.anaesthetic) ? random.uniform(0.6, 1) : random.uniform(0, 0.2), lastsDays: 0, hours: random.uniform(3, 8) });
  const responder = (rate: number, low: number, high: number) => (random.chance(rate) ? random.uniform(low, high) : random.uniform(0, 0.12));
  switch (type) {
    case 'knee_anesthetic_injection':
    case 'genicular_nerve_block':
    case 'selective_nerve_root_block':
      return [anaesthetic()];
    case 'knee_corticosteroid_injection':
    case 'transforaminal_esi':
    case 'interlaminar_esi':
    case 'caudal_esi': {
      const block = anaesthetic();
      const steroid: Effect = {
        kind: 'steroid',
        efficacy: responder(RESPONSE_RATE.steroid, 0.35, 0.85),
        lastsDays: target === 'knee' ? random.uniform(21, 60) : random.uniform(14, 45),
        hours: 0,
      };
      return [block, steroid];
    }
    case 'knee_hyaluronic_acid':
    case 'knee_prp':
      return [{ kind: 'biologic', efficacy: responder(RESPONSE_RATE.biologic, 0.25, 0.6), lastsDays: 180, hours: 0 }];
    default:
      return [{ kind: 'course', efficacy: responder(RESPONSE_RATE.course, 0.25, 0.6), lastsDays: courseDays + 30, hours: 0 }];
  }
}

/** Fraction of an effect at `since` days after the procedure. */
export function profile(effect: Effect, since: number): number {
  if (since < 0) return 0;
  switch (effect.kind) {
    case 'anaesthetic': {
      const hours = since * 24;
      if (hours < 0.15) return 0;
      if (hours <= effect.hours) return 1;
      return Math.max(0, 1 - (hours - effect.hours) / 2);
    }
    case 'steroid':
      if (since < 1.5) return 0;
      if (since < 5) return (since - 1.5) / 3.5;
      if (since <= effect.lastsDays) return 1;
      return Math.max(0, 1 - (since - effect.lastsDays) / 10);
    case 'biologic':
      return since < 14 ? 0 : Math.min(1, (since - 14) / 28);
    case 'course':
      if (since < 7) return 0;
      if (since < 35) return (since - 7) / 28;
      return since <= effect.lastsDays ? 1 : Math.max(0.6, 1 - (since - effect.lastsDays) / 60);
    case 'systemic':
      return since >= 0.5 && since <= effect.lastsDays ? 1 : 0;
  }
}

/** Placebo: full for the first half day, fading to nothing by day 3. */
export function placeboProfile(since: number): number {
  if (since < 0 || since >= 3) return 0;
  return since <= 0.5 ? 1 : 1 - (since - 0.5) / 2.5;
}

function painCurve(random: Random, truth: PainSource, plans: Planned[], shares: { kneeShare: number; spineShare: number }, traps: string[]) {
  const level = random.uniform(4.5, 8.5);
  const improver = random.chance(0.25);
  const trendPerDay = improver ? -random.uniform(0.4, 1.5) / 30 : random.chance(0.1) ? random.uniform(0.1, 0.5) / 30 : (random.normal() * 0.15) / 30;
  if (improver) traps.push('natural_improvement');
  const flareRate = truth === 'spine' || truth === 'mixed' ? 0.05 : 0.025;
  const flares = new Map<number, number>();
  for (let day = -20; day <= 200; day++) {
    if (random.chance(flareRate)) {
      const size = random.uniform(2, 4);
      const length = random.integer(1, 3);
      for (let k = 0; k < length; k++) flares.set(day + k, Math.max(flares.get(day + k) ?? 0, size));
    }
  }
  const painAt = (day: number) => {
    let kneeRemaining = 1;
    let spineRemaining = 1;
    let placeboRemaining = 1;
    let systemicRemaining = 1;
    for (const plan of plans) {
      const since = day - plan.day;
      for (const effect of plan.effects) {
        const relief = effect.efficacy * profile(effect, since) * (plan.acts === 'everything' ? 1 : plan.reach);
        if (plan.acts === 'knee') kneeRemaining *= 1 - relief;
        else if (plan.acts === 'spine') spineRemaining *= 1 - relief;
        else systemicRemaining *= 1 - relief;
      }
      if (since >= 0 && plan.placebo > 0) placeboRemaining *= 1 - plan.placebo * placeboProfile(since);
    }
    const treatable = shares.kneeShare * (1 - kneeRemaining) + shares.spineShare * (1 - spineRemaining);
    const untreated = Math.max(1, level + trendPerDay * day) + (flares.get(Math.floor(day)) ?? 0);
    return untreated * (1 - treatable) * placeboRemaining * systemicRemaining;
  };
  return { painAt, curve: { level, trendPerDay, flares } };
}

function diaryOf(random: Random, painAt: (day: number) => number, plans: Planned[], traps: string[]) {
  const noiseSd = random.uniform(0.5, 1.5);
  const autocorrelation = random.uniform(0.2, 0.7);
  const missing = random.uniform(0.2, 0.6);
  const fewBaselineDays = random.chance(0.35);
  const enrolmentDay = -(fewBaselineDays ? random.integer(1, 3) : random.integer(4, 14));
  const flareEnrolment = random.chance(0.3);
  const horizon = random.integer(100, 180);
  const dropoutDay = random.chance(0.15) ? random.integer(5, 100) : Infinity;
  if (fewBaselineDays) traps.push('few_baseline_days');
  if (flareEnrolment) traps.push('flare_day_enrolment');
  if (dropoutDay < Infinity) traps.push('stopped_answering');

  const scores: PainScoreReading[] = [];
  const blockScoreTimes = new Set<number>();
  const toScore = (value: number) => Math.max(0, Math.min(10, Math.round(value)));
  const enrolmentPain = toScore(painAt(enrolmentDay) + (flareEnrolment ? random.uniform(2, 3.5) : 0));
  scores.push({ score: enrolmentPain, recordedAt: dateOf(enrolmentDay + 8 / 24), source: 'clinic' });

  let noise = random.normal() * noiseSd;
  const noiseOfDay = new Map<number, number>();
  for (let day = enrolmentDay; day <= horizon; day++) {
    noise = autocorrelation * noise + Math.sqrt(1 - autocorrelation ** 2) * noiseSd * random.normal();
    noiseOfDay.set(day, noise);
    if (day === enrolmentDay || day > dropoutDay || random.chance(missing)) continue;
    const at = day + random.uniform(9, 20) / 24;
    scores.push({ score: toScore(painAt(at) + noise), recordedAt: dateOf(at), source: random.chance(0.7) ? 'sms_link' : 'sms_reply' });
  }
  for (const plan of plans) {
    if (!plan.effects.some((effect) => effect.kind === 'anaesthetic') || plan.day > dropoutDay) continue;
    for (const hours of BLOCK_PROMPT_HOURS) {
      if (random.chance(missing / 2)) continue;
      const at = plan.day + hours / 24;
      const dayNoise = noiseOfDay.get(Math.floor(at)) ?? 0;
      blockScoreTimes.add(EPOCH + Math.round(at * DAY_MS));
      scores.push({ score: toScore(painAt(at) + dayNoise + (random.normal() * noiseSd) / 3), recordedAt: new Date(EPOCH + Math.round(at * DAY_MS)), source: 'sms_link' });
    }
  }
  return { scores, enrolmentDay, enrolmentPain, noise: { noiseSd, autocorrelation, blockScoreTimes } };
}
