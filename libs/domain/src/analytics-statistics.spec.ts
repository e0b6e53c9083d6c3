import { meanInterval, studentT975, wilsonInterval } from './analytics-statistics';

describe('studentT975', () => {
  it.each([
    [1, 12.706],
    [10, 2.228],
    [30, 2.042],
    [40, 2.021],
    [60, 2.0],
    [120, 1.98],
    [1e9, 1.96],
  ])('gives t(0.975, df=%p) ≈ %p', (df, expected) => {
    expect(studentT975(df)).toBeCloseTo(expected, 2);
  });
});

describe('meanInterval', () => {
  it('should widen the interval by t, not z, for 11 patients', () => {
    // 11 patients, mean 5, SD 2: half-width = 2.228 × 2 / √11.
    const ci = meanInterval(11, 5, 2)!;
    expect(ci.high - 5).toBeCloseTo((2.228 * 2) / Math.sqrt(11), 3);
    expect(5 - ci.low).toBeCloseTo(ci.high - 5, 10);
  });
  it('should give no interval for one patient', () => {
    expect(meanInterval(1, 5, null)).toBeNull();
  });
});

describe('wilsonInterval', () => {
  it('should match the published Wilson interval for 15 of 30', () => {
    const ci = wilsonInterval(15, 30)!;
    expect(ci.low).toBeCloseTo(0.3315, 3);
    expect(ci.high).toBeCloseTo(0.6685, 3);
  });
  it('should stay inside 0–1 when nobody or everybody responds', () => {
    expect(wilsonInterval(0, 12)!.low).toBe(0);
    expect(wilsonInterval(12, 12)!.high).toBe(1);
  });
});
