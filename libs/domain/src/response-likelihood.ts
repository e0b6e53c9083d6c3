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
 * What relief % each phase should show for each level, on the model's scale (relief against the
 * patient's trend line, placebo days excluded). "None" is not zero for a block: sham-controlled
 * blocks relieve some patients for a few hours, so a 40 % block is weak evidence, not proof.
 * Clinical priors, not fitted: the synthetic cohort draws its effects from its own distributions.
 */
const EXPECTED_RELIEF: Readonly<Record<Phase, Readonly<Record<EffectLevel, Expectation>>>> = {
  // Net of the patient's placebo term (pain-model.ts): a sham block relieves for a day or two, a real one for hours.
  anaesthetic: { none: { mean: 2, spread: 8 }, partial: { mean: 30, spread: 15 }, full: { mean: 62, spread: 18 } },
  steroid: { none: { mean: 0, spread: 5 }, partial: { mean: 20, spread: 10 }, full: { mean: 45, spread: 15 } },
  biologic: { none: { mean: 2, spread: 6 }, partial: { mean: 18, spread: 10 }, full: { mean: 38, spread: 15 } },
  // PT works slowly and partly within its window; much of its benefit shows only after the course.
  course: { none: { mean: 2, spread: 6 }, partial: { mean: 15, spread: 9 }, full: { mean: 30, spread: 14 } },
  surgical: { none: { mean: 5, spread: 10 }, partial: { mean: 30, spread: 15 }, full: { mean: 55, spread: 20 } },
  systemic: { none: { mean: 5, spread: 10 }, partial: { mean: 20, spread: 12 }, full: { mean: 30, spread: 15 } },
};

/**
 * Chance that one phase of a treatment that reached the true source still does nothing — the
 * non-response rates of the literature (docs/inference.md §2.2): a diagnostic local anaesthetic
 * ~10 %, epidural / intra-articular steroid ~30 %, hyaluronic acid / PRP ~45 %, PT ~40 %.
 * Phases fail independently: the lidocaine of an epidural can relieve for hours while its steroid
 * does nothing; only a missed needle (the aim) silences all phases together.
 */
const FAILURE_RATE: Readonly<Record<Phase, number>> = {
  anaesthetic: 0.1,
  steroid: 0.3,
  biologic: 0.45,
  course: 0.4,
  surgical: 0.2,
  systemic: 0.3,
};

/**
 * The regression's standard errors are slightly conservative for some phases (the day-mood jitter allowance):
 * on the calibration cohort (seed 1) the relief read for phases whose target carries no pain scatters
 * by 0.95× the stated SE for the anaesthetic hours and biologic windows, 0.9× for course windows, 1.0× for steroid.
 * The likelihood uses the scatter actually seen; the reported SE is left as the regression gives it.
 */
const SE_SCALE: Readonly<Record<Phase, number>> = {
  anaesthetic: 0.95,
  steroid: 1,
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
 * silences all its phases together; otherwise each phase responds or fails on its own.
 */
export function interventionLogLikelihood(effects: readonly PhaseEffect[], aim: Aim, level: EffectLevel, seFactor: number): number {
  const logNone = sumOver(effects, (effect) => phaseLogDensity(effect, 'none', 1, seFactor));
  if (level === 'none') return logNone;
  const logHit = sumOver(effects, (effect) => {
    const failure = FAILURE_RATE[effect.phase];
    return logSumExp([Math.log(1 - failure) + phaseLogDensity(effect, level, aim.coverage, seFactor), Math.log(failure) + phaseLogDensity(effect, 'none', 1, seFactor)]);
  });
  if (aim.missRate <= 0) return logHit;
  return logSumExp([Math.log(1 - aim.missRate) + logHit, Math.log(aim.missRate) + logNone]);
}

function phaseLogDensity(effect: PhaseEffect, level: EffectLevel, coverage: number, seFactor: number): number {
  const expected = EXPECTED_RELIEF[effect.phase][level];
  const none = EXPECTED_RELIEF[effect.phase].none;
  // Coverage scales only the part of the relief that the treatment itself brings.
  const mean = none.mean + coverage * (expected.mean - none.mean);
  return logNormalDensity(effect.reliefPct, mean, expected.spread ** 2 + (effect.sePct * SE_SCALE[effect.phase] * seFactor) ** 2);
}

function sumOver<T>(items: readonly T[], term: (item: T) => number): number {
  return items.reduce((sum, item) => sum + term(item), 0);
}
