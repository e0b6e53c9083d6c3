import { wilsonInterval } from './analytics-statistics';
import { recalibrated } from './attribution';
import { guaranteedConfidenceKnots, isotonicKnots, type CalibrationKnots, type CalibrationPoint } from './calibration-fit';

const GUARANTEE = { confident: 0.8, maxConfidentlyWrong: 0.01 };

/** A cohort whose raw probabilities are honest: patient i is right with probability p(i), spread evenly (no randomness). */
function honestCohort(n: number, p: (i: number) => number): CalibrationPoint[] {
  const golden = (Math.sqrt(5) - 1) / 2;
  return Array.from({ length: n }, (_, i) => {
    const right = (i * golden) % 1 < p(i);
    return { p: p(i), right, statedWrong: !right };
  });
}

/** What a patient with this raw leading probability is shown. */
function shown(knots: CalibrationKnots, raw: number): number {
  return recalibrated({ knee: raw, spine: (1 - raw) / 3, mixed: (1 - raw) / 3, neither: (1 - raw) / 3 }, knots).knee;
}

describe('isotonicKnots', () => {
  it('should follow honest probabilities and never go down', () => {
    const knots = isotonicKnots(honestCohort(3000, (i) => 0.4 + (0.6 * i) / 3000));
    for (let k = 1; k < knots.length; k++) expect(knots[k][1]).toBeGreaterThanOrEqual(knots[k - 1][1]);
    for (const raw of [0.5, 0.7, 0.9]) expect(shown(knots, raw)).toBeCloseTo(raw, 1);
  });
});

describe('guaranteedConfidenceKnots', () => {
  // Honest raw probabilities 0.4–1: a plain calibrated reader is confidently wrong for ~2.5 % of these patients.
  const cohort = honestCohort(3000, (i) => 0.4 + (0.6 * i) / 3000);

  it('should keep confidently wrong answers below 1 % of patients, with 97.5 % confidence', () => {
    const { knots, confidentFrom } = guaranteedConfidenceKnots(cohort, GUARANTEE);
    expect(confidentFrom).not.toBeNull();
    const confidentlyWrong = cohort.filter((x) => x.statedWrong && shown(knots, x.p) >= GUARANTEE.confident).length;
    expect(wilsonInterval(confidentlyWrong, cohort.length)!.high).toBeLessThan(GUARANTEE.maxConfidentlyWrong);
    const plain = isotonicKnots(cohort);
    expect(cohort.filter((x) => x.statedWrong && shown(plain, x.p) >= GUARANTEE.confident).length).toBeGreaterThan(2 * confidentlyWrong);
  });

  it('should show answers under the threshold just under "confident", never lifting a weaker one', () => {
    const { knots, confidentFrom } = guaranteedConfidenceKnots(cohort, GUARANTEE);
    expect(shown(knots, confidentFrom! - 0.001)).toBeLessThan(GUARANTEE.confident);
    expect(shown(knots, confidentFrom! - 0.001)).toBeGreaterThan(0.78);
    expect(shown(knots, confidentFrom! + 0.01)).toBeGreaterThan(0.9);
    // Below the cap the plain calibration stands.
    expect(shown(knots, 0.6)).toBeCloseTo(shown(isotonicKnots(cohort), 0.6), 2);
  });

  it('should make no promise a cohort cannot keep', () => {
    // Even the most confident answers are wrong one time in ten: no threshold keeps the bound.
    const unreliable = honestCohort(3000, () => 0.9);
    const { knots, confidentFrom } = guaranteedConfidenceKnots(unreliable, GUARANTEE);
    expect(confidentFrom).toBeNull();
    expect(knots).toEqual(isotonicKnots(unreliable));
  });
});
