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
  anaesthetic: { none: { mean: 12, spread: 15 }, partial: { mean: 45, spread: 20 }, full: { mean: 75, spread: 18 } },
  steroid: { none: { mean: 3, spread: 10 }, partial: { mean: 27, spread: 14 }, full: { mean: 50, spread: 18 } },
  biologic: { none: { mean: 3, spread: 10 }, partial: { mean: 20, spread: 12 }, full: { mean: 40, spread: 18 } },
  // PT works slowly and partly within its window; much of its benefit shows only after the course.
  course: { none: { mean: 3, spread: 10 }, partial: { mean: 14, spread: 10 }, full: { mean: 28, spread: 15 } },
  surgical: { none: { mean: 5, spread: 12 }, partial: { mean: 30, spread: 15 }, full: { mean: 55, spread: 20 } },
  systemic: { none: { mean: 10, spread: 12 }, partial: { mean: 20, spread: 12 }, full: { mean: 30, spread: 15 } },
};

/** Chance that a treatment aimed at the true source still does nothing (missed needle, non-responder). */
const FAILURE_RATE: Readonly<Record<Phase, number>> = {
  anaesthetic: 0.08,
  steroid: 0.2,
  biologic: 0.35,
  course: 0.3,
  surgical: 0.2,
  systemic: 0.3,
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
 * log P(observed relief of one intervention | level). All its phases fail together when it misses
 * (the anaesthetic and steroid of one injection go to the same place), hence the mixture over
 * the whole intervention rather than per phase.
 */
export function interventionLogLikelihood(effects: readonly PhaseEffect[], aim: Aim, level: EffectLevel, seFactor: number): number {
  const logNone = sumOver(effects, (effect) => phaseLogDensity(effect, 'none', 1, seFactor));
  if (level === 'none') return logNone;
  const logHit = sumOver(effects, (effect) => phaseLogDensity(effect, level, aim.coverage, seFactor));
  const failure = 1 - (1 - Math.max(...effects.map((effect) => FAILURE_RATE[effect.phase]))) * (1 - aim.missRate);
  return logSumExp([Math.log(1 - failure) + logHit, Math.log(failure) + logNone]);
}

function phaseLogDensity(effect: PhaseEffect, level: EffectLevel, coverage: number, seFactor: number): number {
  const expected = EXPECTED_RELIEF[effect.phase][level];
  const none = EXPECTED_RELIEF[effect.phase].none;
  // Coverage scales only the part of the relief that the treatment itself brings.
  const mean = none.mean + coverage * (expected.mean - none.mean);
  return logNormalDensity(effect.reliefPct, mean, expected.spread ** 2 + (effect.sePct * seFactor) ** 2);
}

function sumOver<T>(items: readonly T[], term: (item: T) => number): number {
  return items.reduce((sum, item) => sum + term(item), 0);
}
