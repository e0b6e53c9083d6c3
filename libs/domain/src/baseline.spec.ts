import { baselineBefore } from './baseline';
import { at, visit } from './patient-scenario.fixture';

const performedAt = at(0, 10);
const score = (day: number, value: number, hours = 9) => ({ score: value, recordedAt: at(day, hours) });

describe(baselineBefore.name, () => {
  it('takes the median of the diary in the 14 days before the procedure', () => {
    expect(baselineBefore(performedAt, [score(-3, 6), score(-2, 8), score(-1, 7), score(-1, 9, 20)], [])).toMatchObject({ value: 7.5, n: 4, source: 'diary' });
  });

  it('counts a score exactly 14 days before and ignores one just older', () => {
    const fourteenDays = { score: 4, recordedAt: new Date(performedAt.getTime() - 14 * 86_400_000) };
    const older = { score: 9, recordedAt: new Date(performedAt.getTime() - 14 * 86_400_000 - 1) };
    expect(baselineBefore(performedAt, [fourteenDays, older], [])).toMatchObject({ value: 4, n: 1 });
  });

  it('ignores scores from the moment of the procedure on', () => {
    expect(baselineBefore(performedAt, [score(-1, 6), { score: 1, recordedAt: performedAt }], [])).toMatchObject({ value: 6, n: 1 });
  });

  it('uses the sample SD as noise from three scores, and 1.5 points below that', () => {
    expect(baselineBefore(performedAt, [score(-3, 5), score(-2, 7), score(-1, 9)], [])!.noise).toBe(2);
    expect(baselineBefore(performedAt, [score(-2, 5), score(-1, 9)], [])!.noise).toBe(1.5);
  });

  it('falls back to the clinic score of a same-day visit when the diary is empty', () => {
    expect(baselineBefore(performedAt, [], [visit('v1', 0, {}, 8)])).toEqual({ value: 8, noise: 1.5, n: 1, source: 'clinic_visit' });
  });

  it('does not use a visit from after the procedure, which already shows its effect', () => {
    expect(baselineBefore(performedAt, [], [{ id: 'v2', occurredAt: at(0, 12), clinicPain: 2, findings: {} }])).toBeNull();
  });

  it('is null with neither diary nor visit', () => {
    expect(baselineBefore(performedAt, [], [])).toBeNull();
  });
});
