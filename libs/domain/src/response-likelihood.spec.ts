import type { PhaseEffect } from './pain-model';
import { expectedRelief, interventionComponents, interventionLogLikelihood, jointLogLikelihood, ON_TARGET } from './response-likelihood';

const steroid = (reliefPct: number, sePct: number): PhaseEffect[] => [
  { interventionId: 'i', phase: 'steroid', n: 10, reliefPoints: reliefPct / 10, sePoints: sePct / 10, counterfactualPain: 7, reliefPct, sePct },
];

describe('response likelihood (2025.5)', () => {
  it('derives steroid expectations from the literature ranges: responders 35–85 % of the generator, non-responders ≤ 12 %', () => {
    const expected = expectedRelief('steroid');
    // 2025.7 reads the steroid with its time course (onset, plateau, wearing off), so the reading is the plateau
    // relief itself (capture ≈ 1) rather than a window mean diluted by onset and fading (capture 0.73 until 2025.6).
    expect(expected.fullResponds.mean).toBeGreaterThan(55);
    expect(expected.fullResponds.mean).toBeLessThan(67);
    expect(expected.partialResponds.mean).toBeCloseTo(expected.fullResponds.mean / 2, 0);
    expect(expected.fullFails.mean).toBeLessThan(7); // non-responders lose 0–12 %: about 6 % read at capture ≈ 1
  });

  it('reads a steady ~30 % steroid relief (plateau) as a partial share rather than a full response or none', () => {
    const effects = steroid(30, 5);
    const partial = interventionLogLikelihood(effects, ON_TARGET, 'partial', 1);
    expect(partial).toBeGreaterThan(interventionLogLikelihood(effects, ON_TARGET, 'full', 1) + 1);
    expect(partial).toBeGreaterThan(interventionLogLikelihood(effects, ON_TARGET, 'none', 1) + 1);
  });

  it('reads a 62 % steroid relief (plateau, 2025.7 reading) as a full response', () => {
    const effects = steroid(62, 6);
    expect(interventionLogLikelihood(effects, ON_TARGET, 'full', 1)).toBeGreaterThan(interventionLogLikelihood(effects, ON_TARGET, 'partial', 1) + 1);
  });
});

describe('readings read together (2025.9)', () => {
  const kneeSteroid = { ...steroid(55, 20)[0], interventionId: 'knee' };
  const spineSteroid = { ...steroid(5, 20)[0], interventionId: 'spine' };
  const readTogether = (correlation: number, knee: 'full' | 'none', spine: 'full' | 'none') =>
    jointLogLikelihood(
      [kneeSteroid.reliefPct, spineSteroid.reliefPct],
      ['steroid', 'steroid'],
      [
        [20 ** 2, correlation * 20 ** 2],
        [correlation * 20 ** 2, 20 ** 2],
      ],
      [1, 1],
      [
        { members: [0], components: interventionComponents([kneeSteroid], ON_TARGET, knee) },
        { members: [1], components: interventionComponents([spineSteroid], ON_TARGET, spine) },
      ],
    );

  it('is the product of each intervention\'s own likelihood when the readings are uncorrelated', () => {
    const independent = interventionLogLikelihood([kneeSteroid], ON_TARGET, 'full', 1) + interventionLogLikelihood([spineSteroid], ON_TARGET, 'none', 1);
    expect(readTogether(0, 'full', 'none')).toBeCloseTo(independent, 8);
  });

  it('reads two steroids a few days apart by their sum when their split cannot be told (correlation −0.9)', () => {
    // 55 % and 5 % ± 20 each: on their own each is unsure; together the 60 % sum rules out "neither" far more firmly.
    const ratio = (correlation: number) => readTogether(correlation, 'full', 'none') - readTogether(correlation, 'none', 'none');
    expect(ratio(-0.9)).toBeGreaterThan(ratio(0) + 2);
  });

  it('equals the mixture of multivariate normals summed combination by combination', () => {
    const block = { interventionId: 'block', phase: 'anaesthetic' as const, n: 4, reliefPoints: 5, sePoints: 1, counterfactualPain: 7, reliefPct: 70, sePct: 14 };
    const blockSteroid = { ...steroid(35, 12)[0], interventionId: 'block' };
    const readings = [block.reliefPct, blockSteroid.reliefPct, spineSteroid.reliefPct];
    const phases = ['anaesthetic', 'steroid', 'steroid'] as const;
    const covariance = [[196, 40, -30], [40, 144, 20], [-30, 20, 400]];
    const groups = [
      { members: [0, 1], components: interventionComponents([block, blockSteroid], { coverage: 1, missRate: 0.2 }, 'full') },
      { members: [2], components: interventionComponents([spineSteroid], ON_TARGET, 'partial') },
    ];
    // Reference: every combination's 3×3 covariance inverted on its own (Cramer's rule), weights multiplied.
    const scale = [0.95, 1.2, 1.2];
    const terms: number[] = [];
    for (const first of groups[0].components) {
      for (const second of groups[1].components) {
        const expected = [...first.expected, ...second.expected];
        const m = covariance.map((row, a) => row.map((value, b) => value * scale[a] * scale[b] + (a === b ? expected[a].spread ** 2 : 0)));
        const det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        const inverse = [0, 1, 2].map((a) => [0, 1, 2].map((b) => {
          const rows = [0, 1, 2].filter((r) => r !== b);
          const cols = [0, 1, 2].filter((c) => c !== a);
          const minor = m[rows[0]][cols[0]] * m[rows[1]][cols[1]] - m[rows[0]][cols[1]] * m[rows[1]][cols[0]];
          return ((a + b) % 2 === 0 ? 1 : -1) * minor / det;
        }));
        const d = readings.map((x, a) => x - expected[a].mean);
        const quadratic = d.reduce((sum, da, a) => sum + d.reduce((inner, db, b) => inner + da * inverse[a][b] * db, 0), 0);
        terms.push(first.logWeight + second.logWeight - 0.5 * (3 * Math.log(2 * Math.PI) + Math.log(det) + quadratic));
      }
    }
    const top = Math.max(...terms);
    const reference = top + Math.log(terms.reduce((sum, term) => sum + Math.exp(term - top), 0));
    expect(jointLogLikelihood(readings, [...phases], covariance, [1, 1, 1], groups)).toBeCloseTo(reference, 9);
  });

  it('refuses groups that do not list the readings in order', () => {
    const components = interventionComponents([kneeSteroid], ON_TARGET, 'none');
    const covariance = [[400, 0], [0, 400]];
    expect(() => jointLogLikelihood([55, 5], ['steroid', 'steroid'], covariance, [1, 1], [{ members: [1], components }, { members: [0], components }])).toThrow(/in order/);
    expect(() => jointLogLikelihood([55, 5], ['steroid', 'steroid'], covariance, [1, 1], [{ members: [0], components }])).toThrow(/every reading/);
  });
});
