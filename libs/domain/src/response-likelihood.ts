import type { Phase } from './intervention-catalogue';
import type { PhaseEffect } from './pain-model';
import { logNormalDensity, logSumExp } from './statistics';

/** How much a target contributes to the patient's pain: all of it, a share of it (mixed), or nothing. */
export type EffectLevel = 'none' | 'partial' | 'full';

interface Expectation {
  /** Expected relief %, and how much it varies between patients. */
  mean: number;
  spread: number;
}

/**
 * How a phase responds on the generator it reaches (2025.5). Effects are stated as the literature
 * states them — the fraction of the generator's pain a responder / a non-responder loses, and how
 * often a patient responds — and converted to the relief % the model's window reading shows.
 * docs/inference.md §2.2 gives the sources; the synthetic cohort (test/model-validation) draws its
 * effects from the same literature ranges, with its own time courses.
 */
interface PhaseResponse {
  /** Fraction of the generator's pain removed by a responder (uniform over the range). */
  responder: readonly [number, number];
  /** … and by a non-responder. */
  nonResponder: readonly [number, number];
  /** Chance that a phase reaching the true generator responds. */
  responseRate: number;
  /**
   * Share of that effect the window reading shows: onset ramps and effects fading inside the window
   * dilute it (steroid onset day 1.5–5 against a window from day 3; a 2–8-week steroid against a 4–6-week
   * window; PT building up over weeks). Measured on the calibration seed as read relief / true efficacy.
   */
  capture: number;
  /** Relief % read when the target carries no pain (sham, drift), net of the placebo term. */
  none: Expectation;
}

/**
 * Literature ranges (docs/inference.md §2.2): a diagnostic local anaesthetic on the true generator relieves
 * 60–100 % in ~90 %, a failed block 0–20 %; epidural / intra-articular steroid responders (~70 %) lose 35–85 %
 * of their pain for weeks; hyaluronic acid / PRP (~55 %) and a PT course (~60 %) 25–60 %; non-responders
 * 0–12 %. Surgery and systemic care are not in the synthetic cohort: clinical priors only.
 */
const RESPONSE: Readonly<Record<Phase, PhaseResponse>> = {
  // Net of the patient's placebo term (pain-model.ts): a sham block relieves for a day or two, a real one for hours.
  anaesthetic: { responder: [0.6, 1], nonResponder: [0, 0.2], responseRate: 0.9, capture: 1.0, none: { mean: 2, spread: 7 } },
  steroid: { responder: [0.35, 0.85], nonResponder: [0, 0.12], responseRate: 0.7, capture: 1.05, none: { mean: 0, spread: 4 } },
  biologic: { responder: [0.25, 0.6], nonResponder: [0, 0.12], responseRate: 0.55, capture: 0.95, none: { mean: 1, spread: 5 } },
  // PT works slowly and partly within its window; much of its benefit shows only after the course.
  course: { responder: [0.25, 0.6], nonResponder: [0, 0.12], responseRate: 0.6, capture: 0.95, none: { mean: 1, spread: 5 } },
  surgical: { responder: [0.4, 0.9], nonResponder: [0, 0.15], responseRate: 0.8, capture: 0.85, none: { mean: 5, spread: 10 } },
  systemic: { responder: [0.2, 0.5], nonResponder: [0, 0.1], responseRate: 0.7, capture: 0.9, none: { mean: 5, spread: 10 } },
};

/** The pain a target carries under each level: all of it, or a share of 30–70 % when both targets carry pain (mixed). */
const SHARE: Readonly<Record<Exclude<EffectLevel, 'none'>, readonly [number, number]>> = { full: [1, 1], partial: [0.3, 0.7] };
/** How much the capture itself varies between patients and windows (relative SD). */
const CAPTURE_CV = 0.15;

/** Mean and between-patient spread of the relief % read, as the product capture × share × coverage × efficacy. */
function expectationOf(phase: Phase, level: Exclude<EffectLevel, 'none'>, responds: boolean, coverage: number): Expectation {
  return expectationForShare(phase, SHARE[level], responds, coverage);
}

function expectationForShare(phase: Phase, [s0, s1]: readonly [number, number], responds: boolean, coverage: number): Expectation {
  const response = RESPONSE[phase];
  const [e0, e1] = responds ? response.responder : response.nonResponder;
  const meanE = (e0 + e1) / 2;
  const meanS = ((s0 + s1) / 2) * coverage;
  const squareE = meanE ** 2 + (e1 - e0) ** 2 / 12;
  const squareS = (((s0 + s1) / 2) ** 2 + (s1 - s0) ** 2 / 12) * coverage ** 2;
  const squareC = response.capture ** 2 * (1 + CAPTURE_CV ** 2);
  const mean = 100 * response.capture * meanS * meanE;
  const variance = 100 ** 2 * squareC * squareS * squareE - mean ** 2;
  // The sham scatter (none) is the floor: a true target's reading drifts at least as much as a sham's.
  return { mean: Math.max(mean, response.none.mean), spread: Math.sqrt(variance + response.none.spread ** 2 / 2) };
}

type Expectations = Record<'responds' | 'fails', Expectation>;
const EXPECTED: Readonly<Record<Phase, Readonly<Record<Exclude<EffectLevel, 'none'>, Expectations>>>> = Object.fromEntries(
  (Object.keys(RESPONSE) as Phase[]).map((phase) => [
    phase,
    {
      full: { responds: expectationOf(phase, 'full', true, 1), fails: expectationOf(phase, 'full', false, 1) },
      partial: { responds: expectationOf(phase, 'partial', true, 1), fails: expectationOf(phase, 'partial', false, 1) },
    },
  ]),
) as Record<Phase, Record<Exclude<EffectLevel, 'none'>, Expectations>>;

/** The expectations in use, for documentation and tests: per phase, none / partial / full responder means ± spreads. */
export function expectedRelief(phase: Phase): Record<'none' | 'partialResponds' | 'partialFails' | 'fullResponds' | 'fullFails', Expectation> {
  const rounded = (e: Expectation) => ({ mean: Math.round(e.mean * 10) / 10, spread: Math.round(e.spread * 10) / 10 });
  return {
    none: rounded(RESPONSE[phase].none),
    partialResponds: rounded(EXPECTED[phase].partial.responds),
    partialFails: rounded(EXPECTED[phase].partial.fails),
    fullResponds: rounded(EXPECTED[phase].full.responds),
    fullFails: rounded(EXPECTED[phase].full.fails),
  };
}

/**
 * The regression's standard errors are slightly conservative for some phases (the day-mood jitter allowance):
 * on the calibration cohort (seed 1) the relief read for phases whose target carries no pain scatters
 * by 0.95× the stated SE for the anaesthetic hours and biologic windows, 0.9× for course windows, 1.0× for steroid.
 * The likelihood uses the scatter actually seen; the reported SE is left as the regression gives it.
 */
const SE_SCALE: Readonly<Record<Phase, number>> = {
  anaesthetic: 0.95,
  steroid: 1.2,
  biologic: 0.95,
  course: 0.9,
  surgical: 1,
  systemic: 1,
};

/** How well an intervention reached the pain generator it was aimed at. */
export interface Aim {
  /** Share of the full effect to expect: a unilateral injection treats half of bilateral knee pain. */
  coverage: number;
  /** Extra chance of missing the generator: wrong level or side. */
  missRate: number;
}

export const ON_TARGET: Aim = { coverage: 1, missRate: 0 };

/**
 * log P(observed relief of one intervention | level). A missed generator (wrong level or side)
 * silences all its phases together; otherwise each phase responds or fails on its own, at the
 * literature's response rate.
 */
export function interventionLogLikelihood(effects: readonly PhaseEffect[], aim: Aim, level: EffectLevel, seFactor: number): number {
  const logNone = sumOver(effects, (effect) => logDensity(effect, RESPONSE[effect.phase].none, seFactor));
  if (level === 'none') return logNone;
  const logHit = sumOver(effects, (effect) => {
    const rate = RESPONSE[effect.phase].responseRate;
    const expected = aim.coverage === 1 ? EXPECTED[effect.phase][level] : {
      responds: expectationOf(effect.phase, level, true, aim.coverage),
      fails: expectationOf(effect.phase, level, false, aim.coverage),
    };
    return logSumExp([Math.log(rate) + logDensity(effect, expected.responds, seFactor), Math.log(1 - rate) + logDensity(effect, expected.fails, seFactor)]);
  });
  if (aim.missRate <= 0) return logHit;
  return logSumExp([Math.log(1 - aim.missRate) + logHit, Math.log(aim.missRate) + logNone]);
}

/**
 * Mixed (2025.7): both targets carry a share of one patient's pain, so the knee's share s and the spine's 1 − s are
 * the same for every knee phase and every spine phase of the patient. Instead of letting each phase pick its own
 * share from 30–70 %, the likelihood is read on a grid of knee shares and integrated once per patient
 * (attribution.ts): a 35 % knee relief and a 35 % spine relief fit "half and half"; a 10 % knee and a 60 % spine
 * relief fit a small knee share, not two independent partial responses.
 */
export const MIXED_SHARE_GRID: readonly number[] = Array.from({ length: 8 }, (_, k) => SHARE.partial[0] + ((k + 0.5) * (SHARE.partial[1] - SHARE.partial[0])) / 8);

/** Expectations for each share of the grid (no coverage), per phase: built once. */
const EXPECTED_AT_SHARE: Readonly<Record<Phase, ReadonlyArray<Expectations>>> = Object.fromEntries(
  (Object.keys(RESPONSE) as Phase[]).map((phase) => [
    phase,
    MIXED_SHARE_GRID.map((share) => ({
      responds: expectationForShare(phase, [share, share], true, 1),
      fails: expectationForShare(phase, [share, share], false, 1),
    })),
  ]),
) as Record<Phase, Expectations[]>;

function logDensity(effect: PhaseEffect, expected: Expectation, seFactor: number): number {
  return logNormalDensity(effect.reliefPct, expected.mean, expected.spread ** 2 + (effect.sePct * SE_SCALE[effect.phase] * seFactor) ** 2);
}

function sumOver<T>(items: readonly T[], term: (item: T) => number): number {
  return items.reduce((sum, item) => sum + term(item), 0);
}

/** One way an intervention's phases may have turned out under a hypothesis: its prior log weight and each phase's expectation. */
export interface Component {
  logWeight: number;
  expected: Expectation[];
}

/**
 * The ways an intervention's phases may turn out when its target carries `level` of the pain (or, for mixed, the share
 * MIXED_SHARE_GRID[level]): each phase responds or fails on its own, and a missed generator silences them all.
 */
export function interventionComponents(effects: readonly PhaseEffect[], aim: Aim, level: EffectLevel | number): Component[] {
  const none: Component = { logWeight: 0, expected: effects.map((effect) => RESPONSE[effect.phase].none) };
  if (level === 'none') return [none];
  const expectationsOf = (effect: PhaseEffect): Expectations => {
    if (typeof level === 'number') {
      const share = MIXED_SHARE_GRID[level];
      return aim.coverage === 1
        ? EXPECTED_AT_SHARE[effect.phase][level]
        : { responds: expectationForShare(effect.phase, [share, share], true, aim.coverage), fails: expectationForShare(effect.phase, [share, share], false, aim.coverage) };
    }
    return aim.coverage === 1
      ? EXPECTED[effect.phase][level]
      : { responds: expectationOf(effect.phase, level, true, aim.coverage), fails: expectationOf(effect.phase, level, false, aim.coverage) };
  };
  const expectations = effects.map(expectationsOf);
  const hitWeight = aim.missRate > 0 ? Math.log(1 - aim.missRate) : 0;
  const components: Component[] = [];
  for (let mask = 0; mask < 1 << effects.length; mask++) {
    let logWeight = hitWeight;
    const expected = effects.map((effect, p) => {
      const rate = RESPONSE[effect.phase].responseRate;
      const responds = (mask >> p) & 1;
      logWeight += Math.log(responds ? rate : 1 - rate);
      return responds ? expectations[p].responds : expectations[p].fails;
    });
    components.push({ logWeight, expected });
  }
  if (aim.missRate > 0) components.push({ logWeight: Math.log(aim.missRate), expected: none.expected });
  return components;
}

/**
 * log P(all readings | hypothesis) when the readings are correlated (2025.9): the regression's covariance of the relief %
 * readings (scaled like their SEs) plus, for each combination of the interventions' components, the between-patient
 * spread of each phase's expectation. `groups[g]` lists the positions of intervention g's readings and its components;
 * the groups must cover positions 0…n−1 in order.
 *
 * The combinations differ only in the rows of the groups whose component changed, so the Cholesky factor and the
 * whitened residual are built row by row down the enumeration: a combination costs its last group's rows, not a
 * whole factorisation (this sum is most of a recompute's CPU). Same arithmetic, in the same order, as factorising
 * each combination's matrix on its own.
 */
export function jointLogLikelihood(
  readings: readonly number[],
  phases: readonly Phase[],
  covariancePct: ReadonlyArray<readonly number[]>,
  seFactors: readonly number[],
  groups: ReadonlyArray<{ members: readonly number[]; components: readonly Component[] }>,
): number {
  const n = readings.length;
  let next = 0;
  for (const { members } of groups) for (const position of members) if (position !== next++) throw new Error('jointLogLikelihood: groups must cover the readings in order');
  if (next !== n) throw new Error('jointLogLikelihood: groups must cover every reading');
  const scale = phases.map((phase, a) => SE_SCALE[phase] * seFactors[a]);
  const base = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) base[a * n + b] = covariancePct[a][b] * scale[a] * scale[b];
  const lower = new Float64Array(n * n);
  const z = new Float64Array(n);
  const constant = n * Math.log(2 * Math.PI);
  const terms: number[] = [];
  const visit = (g: number, logWeight: number, logDeterminant: number, quadratic: number) => {
    if (g === groups.length) {
      terms.push(logWeight + -0.5 * (constant + logDeterminant + quadratic));
      return;
    }
    const { members, components } = groups[g];
    for (const component of components) {
      let det = logDeterminant;
      let quad = quadratic;
      for (let p = 0; p < members.length; p++) {
        const i = members[p];
        const { mean, spread } = component.expected[p];
        for (let j = 0; j <= i; j++) {
          let sum = i === j ? base[i * n + i] + spread ** 2 : base[i * n + j];
          for (let k = 0; k < j; k++) sum -= lower[i * n + k] * lower[j * n + k];
          if (i === j) {
            const pivot = Math.sqrt(Math.max(sum, 1e-9));
            lower[i * n + i] = pivot;
            det += 2 * Math.log(pivot);
          } else lower[i * n + j] = sum / lower[j * n + j];
        }
        let residual = readings[i] - mean;
        for (let k = 0; k < i; k++) residual -= lower[i * n + k] * z[k];
        z[i] = residual / lower[i * n + i];
        quad += z[i] ** 2;
      }
      visit(g + 1, logWeight + component.logWeight, det, quad);
    }
  };
  visit(0, 0, 0, 0);
  return logSumExp(terms);
}
