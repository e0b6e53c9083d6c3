import { TIME } from './intervention-catalogue';
import { canCorrect, followUpOffsetsMs, linkExpiry, planPrompts, reminderDueAt } from './sms-protocol';

const { MINUTE, HOUR, DAY } = TIME;
const NY = 'America/New_York';

describe(planPrompts.name, () => {
  it('asks after a diagnostic knee injection at 16:00 at the protocol times, keeping the time-critical evening ones', () => {
    const performedAt = new Date('2026-03-10T20:00:00Z'); // 16:00 EDT
    const plan = planPrompts({ type: 'knee_anesthetic_injection', performedAt, timezone: NY, now: performedAt });
    expect(plan.map((p) => [p.offsetMinutes, p.dueAt.toISOString(), p.timeCritical])).toEqual([
      [30, '2026-03-10T20:30:00.000Z', true],
      [60, '2026-03-10T21:00:00.000Z', true],
      [120, '2026-03-10T22:00:00.000Z', true],
      [240, '2026-03-11T00:00:00.000Z', true], // 20:00 local
      [360, '2026-03-11T02:00:00.000Z', true], // 22:00 local: inside quiet hours, but time-critical
      [DAY / MINUTE, '2026-03-11T20:00:00.000Z', false],
      [(3 * DAY) / MINUTE, '2026-03-13T20:00:00.000Z', false],
      [(7 * DAY) / MINUTE, '2026-03-17T20:00:00.000Z', false],
      [(14 * DAY) / MINUTE, '2026-03-24T20:00:00.000Z', false],
      [(28 * DAY) / MINUTE, '2026-04-07T20:00:00.000Z', false],
    ]);
  });

  it('moves day prompts of an evening injection to 08:00 the next morning in the patient zone', () => {
    const performedAt = new Date('2026-03-11T01:30:00Z'); // 21:30 EDT
    const plan = planPrompts({ type: 'knee_anesthetic_injection', performedAt, timezone: NY, now: performedAt });
    const oneDay = plan.find((p) => p.offsetMinutes === DAY / MINUTE)!;
    expect(oneDay.dueAt.toISOString()).toBe('2026-03-12T12:00:00.000Z'); // 08:00 EDT on day +1
    expect(plan.filter((p) => p.timeCritical)).toHaveLength(5);
  });

  it('does not exempt a non-diagnostic injection from quiet hours', () => {
    const performedAt = new Date('2026-03-11T00:00:00Z'); // 20:00 EDT, +2 h = 22:00
    const plan = planPrompts({ type: 'knee_corticosteroid_injection', performedAt, timezone: NY, now: performedAt });
    expect(plan[0]).toMatchObject({ offsetMinutes: 120, timeCritical: false });
    expect(plan[0].dueAt.toISOString()).toBe('2026-03-11T12:00:00.000Z');
  });

  it.each([
    ['transforaminal_esi', [1, 3, 7, 14, 21, 28, 42]],
    ['caudal_esi', [1, 3, 7, 14, 21, 28, 42]],
  ] as const)('follows %s with prompts on days %p', (type, days) => {
    expect(followUpOffsetsMs(type, new Date(0))).toEqual(days.map((d) => d * DAY));
  });

  it('asks weekly during a PT course and stops at its end', () => {
    const start = new Date('2026-03-02T15:00:00Z');
    expect(followUpOffsetsMs('pt_quadriceps_strengthening', start, new Date(start.getTime() + 30 * DAY)).map((o) => o / DAY)).toEqual([7, 14, 21, 28]);
    expect(followUpOffsetsMs('pt_extension_mobilization', start, null)).toHaveLength(6);
  });

  it('adds daily baseline prompts before an intervention entered ahead, only in the future', () => {
    const performedAt = new Date('2026-03-20T14:00:00Z'); // 10:00 EDT
    const now = new Date('2026-03-16T15:00:00Z');
    const baseline = planPrompts({ type: 'transforaminal_esi', performedAt, timezone: NY, now }).filter((p) => p.kind === 'baseline');
    expect(baseline.map((p) => p.dueAt.toISOString())).toEqual([
      '2026-03-17T14:00:00.000Z', '2026-03-18T14:00:00.000Z', '2026-03-19T14:00:00.000Z',
    ]);
    expect(baseline.map((p) => p.offsetMinutes)).toEqual([-3 * 1440, -2 * 1440, -1 * 1440]);
  });

  it('drops prompts whose time has passed when the intervention is entered late', () => {
    const performedAt = new Date('2026-03-10T20:00:00Z');
    const plan = planPrompts({ type: 'knee_anesthetic_injection', performedAt, timezone: NY, now: new Date(performedAt.getTime() + 3 * HOUR) });
    expect(plan[0].offsetMinutes).toBe(240);
  });
});

describe(linkExpiry.name, () => {
  it('expires when the next prompt is due, or after 24 h at most', () => {
    const sent = new Date('2026-03-10T20:30:00Z');
    expect(linkExpiry(sent, new Date('2026-03-10T21:00:00Z')).toISOString()).toBe('2026-03-10T21:00:00.000Z');
    expect(linkExpiry(sent, new Date('2026-03-13T20:00:00Z')).toISOString()).toBe('2026-03-11T20:30:00.000Z');
    expect(linkExpiry(sent, null).toISOString()).toBe('2026-03-11T20:30:00.000Z');
  });
});

describe(reminderDueAt.name, () => {
  it('reminds once after the delay, out of quiet hours, and not when the link is about to expire', () => {
    const sent = new Date('2026-03-11T20:00:00Z'); // 16:00 EDT
    expect(reminderDueAt(sent, new Date(sent.getTime() + DAY), 2 * HOUR, NY)?.toISOString()).toBe('2026-03-11T22:00:00.000Z');
    expect(reminderDueAt(new Date('2026-03-12T00:00:00Z'), new Date('2026-03-13T00:00:00Z'), 2 * HOUR, NY)?.toISOString()).toBe('2026-03-12T12:00:00.000Z');
    expect(reminderDueAt(sent, new Date(sent.getTime() + 30 * MINUTE), 2 * HOUR, NY)).toBeNull();
  });
});

describe(canCorrect.name, () => {
  it('allows a change for 15 minutes after the first answer', () => {
    const answered = new Date('2026-03-11T20:00:00Z');
    expect(canCorrect(answered, new Date(answered.getTime() + 15 * MINUTE))).toBe(true);
    expect(canCorrect(answered, new Date(answered.getTime() + 16 * MINUTE))).toBe(false);
  });
});
