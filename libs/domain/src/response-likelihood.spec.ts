import type { PhaseEffect } from './pain-model';
import { expectedRelief, interventionLogLikelihood, ON_TARGET } from './response-likelihood';

const steroid = (reliefPct: number, sePct: number): PhaseEffect[] => [
  { interventionId: 'i', phase: 'steroid', n: 10, reliefPoints: reliefPct / 10, sePoints: sePct / 10, counterfactualPain: 7, reliefPct, sePct },
];

describe('response likelihood (2025.5)', () => {
  it('derives steroid expectations from the literature ranges: responders 35–85 % of the generator, non-responders ≤ 12 %', () => {
    const expected = expectedRelief('steroid');
    expect(expected.fullResponds.mean).toBeGreaterThan(40);
    expect(expected.fullResponds.mean).toBeLessThan(48);
    expect(expected.partialResponds.mean).toBeCloseTo(expected.fullResponds.mean / 2, 0);
    expect(expected.fullFails.mean).toBeLessThan(6);
  });

  it('reads a steady ~22 % steroid relief as a partial share rather than a full response or none', () => {
    const effects = steroid(22, 5);
    const partial = interventionLogLikelihood(effects, ON_TARGET, 'partial', 1);
    expect(partial).toBeGreaterThan(interventionLogLikelihood(effects, ON_TARGET, 'full', 1) + 1);
    expect(partial).toBeGreaterThan(interventionLogLikelihood(effects, ON_TARGET, 'none', 1) + 1);
  });

  it('reads a 45 % steroid relief as a full response', () => {
    const effects = steroid(45, 6);
    expect(interventionLogLikelihood(effects, ON_TARGET, 'full', 1)).toBeGreaterThan(interventionLogLikelihood(effects, ON_TARGET, 'partial', 1) + 1);
  });
});
