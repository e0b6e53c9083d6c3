import type { ClinicalPicture } from './clinical-picture';
import { INTERVENTION_CATALOGUE, type InterventionType, type Target } from './intervention-catalogue';
import { aimOf } from './intervention-aim';
import type { PainModelFit, PhaseEffect } from './pain-model';
import type { IndexKnee, InterventionInput } from './patient-evidence';
import type { ResponseAssessment } from './response-assessment';
import { MIXED_SHARE_GRID, interventionComponents, interventionLogLikelihood, jointLogLikelihood, type Aim, type Component, type EffectLevel } from './response-likelihood';
import { logSumExp, roundTo } from './statistics';
import { suggestNextStep } from './suggestion';

export const PAIN_SOURCES = ['knee', 'spine', 'mixed', 'neither'] as const;
export type PainSource = (typeof PAIN_SOURCES)[number];
export type SourceClassification = PainSource | 'inconclusive';
export type TargetStatus = 'responded' | 'partial' | 'no_response' | 'untested' | 'confounded_only';
export type TestedTarget = Exclude<Target, 'systemic'>;

export interface TargetSummary {
  status: TargetStatus;
  /** Pooled relief % of this target's care (inverse-variance), with its standard error. */
  reliefPct: number | null;
  se: number | null;
  /** Interventions whose windows held enough scores to count. */
  assessedInterventions: number;
}

export interface EvidenceItem {
  interventionId: string;
  type: InterventionType;
  target: Target;
  reliefPct: number | null;
  se: number | null;
  /** Share of its target's pooled evidence, 0–1; 0 when it does not vote. */
  weight: number;
  /** How many times likelier its relief is if its target is the pain source than if not; null when it does not vote. */
  likelihoodRatio: number | null;
  confounded: boolean;
  note: string;
}

export interface Attribution {
  classification: SourceClassification;
  /** Probability that the stated classification is right; for inconclusive, that of the leading source. */
  probability: number;
  leadingSource: PainSource;
  posterior: Record<PainSource, number>;
  knee: TargetSummary;
  spine: TargetSummary;
  evidence: EvidenceItem[];
  clinicalPicture: ClinicalPicture;
  suggestion: string | null;
  /** Natural change of pain per month the model removed before crediting treatments (negative = improving). */
  trendPerMonth: number | null;
  algorithmVersion: string;
}

/** Which level each target takes under each source: mixed means both carry a share of the pain. */
const LEVELS: Readonly<Record<PainSource, Readonly<Record<TestedTarget, EffectLevel>>>> = {
  knee: { knee: 'full', spine: 'none' },
  spine: { knee: 'none', spine: 'full' },
  mixed: { knee: 'partial', spine: 'partial' },
  neither: { knee: 'none', spine: 'none' },
};

/** How often each source is the answer in a knee–spine clinic before any response is seen. */
export const SOURCE_PRIOR: Readonly<Record<PainSource, number>> = { knee: 0.35, spine: 0.3, mixed: 0.15, neither: 0.2 };

export interface AttributionSettings {
  /**
   * Interventions in one patient are not independent experiments (same diary, same person), so their
   * evidence is tempered by this exponent, fitted on the calibration cohort (test/model-validation).
   */
  likelihoodTemper: number;
  /**
   * Below this the engine names no source and says what would settle it. From 2025.5 it is the largest prior
   * share (35 %): a calibrated leader that the diary has not lifted above what the commonest source has before
   * any data is "too little data"; any higher calibrated probability is stated, with its probability.
   */
  minStatedProbability: number;
  /**
   * Recalibration of the leading source's probability: knots (raw, calibrated) of an isotonic fit of
   * "the leading source is right" on the calibration cohort (seed 1), read by linear interpolation;
   * the other sources keep their proportions. Empty: no recalibration.
   */
  calibration: ReadonlyArray<readonly [number, number]>;
}

export const ATTRIBUTION_SETTINGS: Readonly<AttributionSettings> = {
  likelihoodTemper: 1.3,
  minStatedProbability: 0.35,
  calibration: [
    [0.303, 0.3], [0.335, 0.4], [0.394, 0.423], [0.469, 0.45], [0.498, 0.517], [0.554, 0.595], [0.612, 0.633], [0.658, 0.704],
    [0.712, 0.733], [0.731, 0.75], [0.753, 0.783], [0.775, 0.79], [0.917, 0.79], [0.917, 0.917], [0.931, 0.917], [0.962, 0.967],
    [0.98, 0.983], [0.987, 0.992], [0.995, 0.996], [1, 1],
  ],
};
/** A confounded window is read with a wider error: its relief may belong to the other treatment. */
export const CONFOUNDED_SE_FACTOR = 1.5;
/** A diagnostic block's anaesthetic phase counts double in the pooled relief: immediate and specific. */
const DIAGNOSTIC_WEIGHT = 2;

interface VotingEvidence {
  item: EvidenceItem;
  target: TestedTarget;
  /** log P(its relief | level), one record per placebo trait (pain-model.ts): its own likelihood ratio, shown as evidence. */
  logLikelihood: Array<Record<EffectLevel, number>>;
  pooledReliefPct: number;
  pooledPrecision: number;
  /** Done where the pain pattern or the lumbar MRI points (intervention-aim.ts): only such a test can rule its target out. */
  aimedAtPicture: boolean;
  aim: Aim;
  seFactor: number;
}

export function attributeSource(input: {
  indexKnee: IndexKnee;
  interventions: readonly InterventionInput[];
  assessments: readonly ResponseAssessment[];
  fit: PainModelFit | null;
  clinicalPicture: ClinicalPicture;
  algorithmVersion: string;
  settings?: AttributionSettings;
}): Attribution {
  const settings = input.settings ?? ATTRIBUTION_SETTINGS;
  const ordered = [...input.interventions].sort((a, b) => a.performedAt.getTime() - b.performedAt.getTime() || a.id.localeCompare(b.id));
  const assessmentOf = new Map(input.assessments.map((assessment) => [assessment.interventionId, assessment]));
  const traits = traitsOf(input.fit);
  const evidence = ordered.map((intervention) =>
    evidenceFor(intervention, assessmentOf.get(intervention.id)!, input.fit?.effects ?? [], traits, input.indexKnee, input.clinicalPicture),
  );
  const voting = evidence.filter((entry): entry is VotingEvidence => 'logLikelihood' in entry);
  shareWeights(voting);

  const posterior = recalibrated(posteriorOf(voting, traits, settings.likelihoodTemper), settings.calibration);
  const tested = { knee: voting.some((v) => v.target === 'knee'), spine: voting.some((v) => v.target === 'spine') };
  // 2025.8: "neither" says both targets failed; a block where neither the pain pattern nor the MRI points cannot rule its target out.
  const ruledOutable = { knee: voting.some((v) => v.target === 'knee' && v.aimedAtPicture), spine: voting.some((v) => v.target === 'spine' && v.aimedAtPicture) };
  const leadingSource = PAIN_SOURCES.reduce((best, source) => (posterior[source] > posterior[best] ? source : best), 'knee' as PainSource);
  const classification = statable(leadingSource, tested, ruledOutable) && posterior[leadingSource] >= settings.minStatedProbability ? leadingSource : 'inconclusive';
  const knee = summarise('knee', voting, posterior);
  const spine = summarise('spine', voting, posterior);
  const clinicalPicture = { ...input.clinicalPicture, agreesWithResponse: agreement(classification, input.clinicalPicture) };
  const items = evidence.map((entry) => ('item' in entry ? entry.item : entry));
  return {
    classification,
    probability: roundTo(posterior[leadingSource], 3),
    leadingSource,
    posterior: Object.fromEntries(PAIN_SOURCES.map((source) => [source, roundTo(posterior[source], 3)])) as Record<PainSource, number>,
    knee,
    spine,
    evidence: items,
    clinicalPicture,
    suggestion:
      classification === 'inconclusive'
        ? suggestNextStep({ knee, spine, leadingSource, probability: posterior[leadingSource], evidence: items, clinicalPicture })
        : null,
    trendPerMonth: input.fit ? roundTo(input.fit.trendPerMonth, 2) : null,
    algorithmVersion: input.algorithmVersion,
  };
}

interface Trait {
  logWeight: number;
  effects: readonly PhaseEffect[];
  /** Covariance of the effects' relief % readings (same order). */
  covariancePct: ReadonlyArray<readonly number[]>;
}

/** The placebo trait's alternatives with their weights; one certain trait when the diary has no procedure. */
function traitsOf(fit: PainModelFit | null): Trait[] {
  if (!fit) return [{ logWeight: 0, effects: [], covariancePct: [] }];
  return fit.placeboTraits.length > 0 ? fit.placeboTraits : [{ logWeight: 0, effects: fit.effects, covariancePct: fit.effectCovariancePct }];
}

function evidenceFor(
  intervention: InterventionInput,
  assessment: ResponseAssessment,
  effects: readonly PhaseEffect[],
  traits: readonly Trait[],
  indexKnee: IndexKnee,
  picture: ClinicalPicture,
): VotingEvidence | EvidenceItem {
  const info = INTERVENTION_CATALOGUE[intervention.type];
  const own = effects.filter((effect) => effect.interventionId === intervention.id);
  const confounded = assessment.confounded;
  const seFactor = confounded ? CONFOUNDED_SE_FACTOR : 1;
  const pooled = poolPhases(own, info.diagnostic, seFactor);
  const base = {
    interventionId: intervention.id,
    type: intervention.type,
    target: info.target,
    reliefPct: pooled ? roundTo(pooled.reliefPct, 1) : null,
    se: pooled ? roundTo(pooled.se, 1) : null,
    weight: 0,
    likelihoodRatio: null,
    confounded,
  };
  if (info.target === 'systemic') {
    return { ...base, note: 'systemic treatment: votes for neither target; its window is modelled so its relief is not credited to knee or spine care' };
  }
  if (!pooled) return { ...base, note: 'too few pain scores in its response windows to read' };
  const { aim, testsIndexKnee, caveat, aimedAtPicture } = aimOf(intervention, indexKnee, picture.suggestedRootLevel, picture.lumbarMriLevels);
  if (!testsIndexKnee) return { ...base, note: `${caveat} — does not test the index knee` };

  const logLikelihood = traits.map((trait) => {
    const ofTrait = trait.effects.filter((effect) => effect.interventionId === intervention.id);
    return {
      none: interventionLogLikelihood(ofTrait, aim, 'none', seFactor),
      partial: interventionLogLikelihood(ofTrait, aim, 'partial', seFactor),
      full: interventionLogLikelihood(ofTrait, aim, 'full', seFactor),
    };
  });
  const marginal = (level: EffectLevel) => logSumExp(traits.map((trait, c) => trait.logWeight + logLikelihood[c][level]));
  const notes = [phaseNote(own, info.diagnostic)];
  if (caveat) notes.push(caveat);
  if (confounded) notes.push(`confounded by ${assessment.confoundedBy.map((other) => other.type).join(', ')} — weight reduced`);
  return {
    item: { ...base, likelihoodRatio: roundTo(Math.exp(marginal('full') - marginal('none')), 2), note: notes.join('; ') },
    target: info.target,
    logLikelihood,
    pooledReliefPct: pooled.reliefPct,
    pooledPrecision: pooled.precision,
    aimedAtPicture,
    aim,
    seFactor,
  };
}

function poolPhases(effects: readonly PhaseEffect[], diagnostic: boolean, seFactor: number) {
  if (effects.length === 0) return null;
  let precision = 0;
  let weighted = 0;
  for (const effect of effects) {
    const weight = (diagnostic && effect.phase === 'anaesthetic' ? DIAGNOSTIC_WEIGHT : 1) / (effect.sePct * seFactor) ** 2;
    precision += weight;
    weighted += weight * effect.reliefPct;
  }
  return { reliefPct: weighted / precision, se: 1 / Math.sqrt(precision), precision };
}

function phaseNote(effects: readonly PhaseEffect[], diagnostic: boolean): string {
  return effects
    .map((effect) => {
      const strength = diagnostic && effect.phase === 'anaesthetic' ? ' (diagnostic block: strong evidence)' : '';
      return `${effect.phase} phase ${Math.round(effect.reliefPct)} % ± ${Math.round(effect.sePct)} % relief from ${effect.n} scores${strength}`;
    })
    .join('; ');
}

function shareWeights(voting: VotingEvidence[]): void {
  for (const target of ['knee', 'spine'] as const) {
    const ofTarget = voting.filter((v) => v.target === target);
    const total = ofTarget.reduce((sum, v) => sum + v.pooledPrecision, 0);
    for (const v of ofTarget) v.item.weight = roundTo(v.pooledPrecision / total, 3);
  }
}

/**
 * Beyond this many combinations of the interventions' outcomes (responds / fails / missed), the readings of different
 * interventions are read as independent, as until 2025.8; a diary of the synthetic clinic has at most 25.
 */
const MAX_JOINT_COMBINATIONS = 256;

/**
 * Posterior over sources; the placebo trait is shared by all the patient's procedures, so it is integrated out jointly.
 * 2025.9: the phase readings of one diary are read together, with the regression's covariance between them — two
 * steroids a few days apart share their relief (correlation about −0.9: their sum is well read, their split is not),
 * and blocks read against the same usual level err together (about +0.3). Until 2025.8 each reading was compared with
 * its expectation on its own, as if the errors were independent.
 */
function posteriorOf(voting: readonly VotingEvidence[], traits: readonly Trait[], temper: number): Record<PainSource, number> {
  const shares = MIXED_SHARE_GRID.length;
  const logShare = -Math.log(shares);
  const likelihoodOf = (trait: Trait, levelOf: (v: VotingEvidence) => EffectLevel | number): number => {
    const groups = voting.map((v) => {
      const positions = trait.effects.flatMap((effect, index) => (effect.interventionId === v.item.interventionId ? [index] : []));
      return { v, positions, components: interventionComponents(positions.map((index) => trait.effects[index]), v.aim, levelOf(v)) };
    });
    const combinations = groups.reduce((product, group) => product * group.components.length, 1);
    const parts = combinations <= MAX_JOINT_COMBINATIONS ? [groups] : groups.map((group) => [group]);
    return parts.reduce((sum, part) => sum + readingsLikelihood(trait, part), 0);
  };
  const logPosterior = PAIN_SOURCES.map(
    (source) =>
      Math.log(SOURCE_PRIOR[source]) +
      temper *
        logSumExp(
          traits.map(
            (trait) =>
              trait.logWeight +
              (source === 'mixed'
                ? // Mixed: one knee share s for the patient (the spine carries 1 − s; the grid is symmetric).
                  logSumExp(MIXED_SHARE_GRID.map((_, k) => logShare + likelihoodOf(trait, (v) => (v.target === 'knee' ? k : shares - 1 - k))))
                : likelihoodOf(trait, (v) => LEVELS[source][v.target])),
          ),
        ),
  );
  const normaliser = logSumExp(logPosterior);
  return Object.fromEntries(PAIN_SOURCES.map((source, i) => [source, Math.exp(logPosterior[i] - normaliser)])) as Record<PainSource, number>;
}

/** log P(the readings of these interventions | their components), read together with their covariance under the trait. */
function readingsLikelihood(trait: Trait, groups: ReadonlyArray<{ v: VotingEvidence; positions: number[]; components: Component[] }>): number {
  const positions = groups.flatMap((group) => group.positions);
  let next = 0;
  return jointLogLikelihood(
    positions.map((index) => trait.effects[index].reliefPct),
    positions.map((index) => trait.effects[index].phase),
    positions.map((a) => positions.map((b) => trait.covariancePct[a][b])),
    groups.flatMap((group) => group.positions.map(() => group.v.seFactor)),
    groups.map((group) => ({ members: group.positions.map(() => next++), components: group.components })),
  );
}

/** Maps the leading probability through the isotonic knots; the others are rescaled and never overtake it. */
export function recalibrated(posterior: Record<PainSource, number>, knots: ReadonlyArray<readonly [number, number]>): Record<PainSource, number> {
  if (knots.length === 0) return posterior;
  const ranked = [...PAIN_SOURCES].sort((a, b) => posterior[b] - posterior[a]);
  const [lead, second] = ranked;
  const raw = posterior[lead];
  if (raw >= 1) return posterior;
  let calibrated = interpolate(knots, raw);
  // Keep the order: the runner-up, rescaled, may not exceed the leader.
  calibrated = Math.max(calibrated, posterior[second] / (1 - raw + posterior[second]));
  const scale = (1 - calibrated) / (1 - raw);
  return Object.fromEntries(PAIN_SOURCES.map((source) => [source, source === lead ? calibrated : posterior[source] * scale])) as Record<PainSource, number>;
}

function interpolate(knots: ReadonlyArray<readonly [number, number]>, x: number): number {
  if (x <= knots[0][0]) return knots[0][1];
  for (let k = 1; k < knots.length; k++) {
    if (x <= knots[k][0]) {
      const [x0, y0] = knots[k - 1];
      const [x1, y1] = knots[k];
      return x1 === x0 ? y1 : y0 + ((x - x0) * (y1 - y0)) / (x1 - x0);
    }
  }
  const [xn, yn] = knots[knots.length - 1];
  return yn + ((x - xn) * (1 - yn)) / Math.max(1 - xn, 1e-9);
}

/** A source may only be named when the care it implicates was tested: "knee failed" says "not the knee", not "the spine". */
function statable(source: PainSource, tested: Record<TestedTarget, boolean>, ruledOutable: Record<TestedTarget, boolean>): boolean {
  if (source === 'knee') return tested.knee;
  if (source === 'spine') return tested.spine;
  // 'mixed' means both help (domain.md), and 'neither' that both failed: each needs both targets tested —
  // for 'neither' (2025.8) each by a test done where the picture points, since only such a test can rule its target out.
  if (source === 'neither') return ruledOutable.knee && ruledOutable.spine;
  return tested.knee && tested.spine;
}

function summarise(target: TestedTarget, voting: readonly VotingEvidence[], posterior: Record<PainSource, number>): TargetSummary {
  const ofTarget = voting.filter((v) => v.target === target);
  if (ofTarget.length === 0) return { status: 'untested', reliefPct: null, se: null, assessedInterventions: 0 };
  const precision = ofTarget.reduce((sum, v) => sum + v.pooledPrecision, 0);
  const reliefPct = ofTarget.reduce((sum, v) => sum + v.pooledPrecision * v.pooledReliefPct, 0) / precision;
  const levelProbability: Record<EffectLevel, number> = { none: 0, partial: 0, full: 0 };
  for (const source of PAIN_SOURCES) levelProbability[LEVELS[source][target]] += posterior[source];
  const level = (['full', 'partial', 'none'] as const).reduce((best, l) => (levelProbability[l] > levelProbability[best] ? l : best));
  const status: TargetStatus = ofTarget.every((v) => v.item.confounded)
    ? 'confounded_only'
    : level === 'full'
      ? 'responded'
      : level === 'partial'
        ? 'partial'
        : 'no_response';
  return { status, reliefPct: roundTo(reliefPct, 1), se: roundTo(1 / Math.sqrt(precision), 1), assessedInterventions: ofTarget.length };
}

function agreement(classification: SourceClassification, picture: ClinicalPicture): boolean | null {
  if (picture.lean === 'unknown' || classification === 'inconclusive' || classification === 'neither') return null;
  if (classification === 'mixed') return picture.lean === 'balanced';
  if (picture.lean === 'balanced') return null;
  return picture.lean === classification;
}
