import { diagnosticCategory, reliefPercent, therapeuticCategory } from './response-category';

describe('diagnosticCategory', () => {
  it.each([
    [100, 'strongly_positive'],
    [80, 'strongly_positive'],
    [79.9, 'positive'],
    [50, 'positive'],
    [49.9, 'negative'],
    [0, 'negative'],
    [-20, 'negative'],
    [null, 'negative'],
  ] as const)('reads %p %% peak relief as %s', (peak, expected) => {
    expect(diagnosticCategory(peak)).toBe(expected);
  });
});

describe('therapeuticCategory', () => {
  it.each([
    // [baseline, window median, expected]
    [10, 7, 'responder'], // 3 points, exactly 30 %
    [10, 7.5, 'partial'], // 2.5 points but 25 %
    [6, 4, 'responder'], // exactly 2 points, 33 %
    [6, 4.5, 'partial'], // 1.5 points, 25 %
    [5, 3.5, 'partial'], // 30 % but only 1.5 points: below the MCID
    [10, 8.5, 'partial'], // exactly 15 %
    [10, 9, 'partial'], // exactly 1 point, 10 %
    [10, 9.5, 'non_responder'], // 0.5 point, 5 %
    [4, 3.5, 'non_responder'], // 12.5 %, 0.5 point
    [6, 6, 'non_responder'],
    [6, 7.5, 'non_responder'], // 1.5 points worse is not yet "worse"
    [6, 8, 'worse'], // exactly 2 points worse
    [0, 0, 'non_responder'], // nothing to relieve
    [0, 2, 'worse'],
  ] as const)('baseline %p, median %p → %s', (baseline, windowMedian, expected) => {
    const relief = baseline - windowMedian;
    expect(therapeuticCategory(relief, reliefPercent(relief, baseline))).toBe(expected);
  });
});

describe('reliefPercent', () => {
  it('is exact at the 30 % boundary', () => {
    expect(reliefPercent(3, 10)).toBe(30);
  });

  it('is null when the baseline is 0', () => {
    expect(reliefPercent(0, 0)).toBeNull();
  });
});
