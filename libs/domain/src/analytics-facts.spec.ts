import { analyticsFactsOf, headlineChangePct, smsStepLabel, type AnalyticsPatientSource } from './analytics-facts';
import type { ResponseAssessment } from './response-assessment';

const DAY = 86_400_000;
const t0 = Date.parse('2026-03-10T09:00:00Z');

function assessment(id: string, overrides: Partial<ResponseAssessment> = {}): ResponseAssessment {
  return {
    interventionId: id, type: 'knee_corticosteroid_injection', target: 'knee', diagnostic: false, performedAt: new Date(t0).toISOString(), status: 'assessed',
    baseline: { value: 8, noise: 1, n: 5, source: 'scores' } as never,
    windows: [{ phase: 'steroid', label: 'steroid', from: '', to: '', n: 4, median: 4, relief: 4, reliefPct: 50, peakReliefPct: 75, category: 'responder' }],
    category: 'responder', peakReliefPct: 75, timeToPeakHours: 100, durationDays: 20, confounded: false, confoundedBy: [], ...overrides,
  };
}

function source(overrides: Partial<AnalyticsPatientSource> = {}): AnalyticsPatientSource {
  return {
    pseudonym: 'P-ABCDEF', enrolledAt: new Date('2026-02-27T15:00:00Z'), classification: 'knee', clinicalLean: 'knee', pictureAgrees: true,
    interventions: [
      { id: 'b', type: 'knee_corticosteroid_injection', performedAt: new Date(t0 + 20 * DAY) },
      { id: 'a', type: 'knee_corticosteroid_injection', performedAt: new Date(t0) },
    ],
    assessments: [assessment('a'), assessment('b', { status: 'insufficient_data', category: 'insufficient_data', windows: [] })],
    scores: [
      { score: 8, recordedAt: new Date(t0 - 2 * DAY + 3_600_000) },
      { score: 6, recordedAt: new Date(t0 - 2 * DAY + 7_200_000) },
      { score: 4, recordedAt: new Date(t0 + 5 * DAY) },
    ],
    prompts: [],
    ...overrides,
  };
}

describe(analyticsFactsOf.name, () => {
  it('should number episodes in time order and count each type from the first', () => {
    const facts = analyticsFactsOf(source());
    expect(facts.episodes.map((e) => [e.interventionId, e.sequence, e.typeSequence, e.dayFromFirst])).toEqual([['a', 1, 1, 0], ['b', 2, 2, 20]]);
    expect(facts.episodes[0]).toMatchObject({ assessed: true, favourable: true, changePct: -50, baseline: 8 });
    expect(facts.episodes[1]).toMatchObject({ assessed: false, favourable: null });
  });

  it('should average a patient\'s scores per day relative to each intervention', () => {
    const days = analyticsFactsOf(source()).days.filter((d) => d.interventionId === 'a');
    expect(days).toEqual([{ interventionId: 'a', day: -2, meanPain: 7, scores: 2 }, { interventionId: 'a', day: 5, meanPain: 4, scores: 1 }]);
  });

  it('should keep only the enrolment month, and time scores from the latest intervention before them', () => {
    const facts = analyticsFactsOf(source());
    expect(facts.patient.enrolledMonth).toBe('2026-02-01');
    expect(facts.observations[0]).toEqual({ anchorSequence: 1, offsetHours: -47, score: 8 });
    expect(facts.observations[2]).toEqual({ anchorSequence: 1, offsetHours: 120, score: 4 });
  });

  it('should count sent prompts per step and ignore unsent ones and prompts of unknown interventions', () => {
    const facts = analyticsFactsOf(source({
      prompts: [
        { interventionId: 'a', kind: 'follow_up', offsetMinutes: 1440, sent: true, answered: true },
        { interventionId: 'b', kind: 'follow_up', offsetMinutes: 1440, sent: true, answered: false },
        { interventionId: 'a', kind: 'follow_up', offsetMinutes: 4320, sent: false, answered: false },
        { interventionId: 'gone', kind: 'follow_up', offsetMinutes: 1440, sent: true, answered: true },
      ],
    }));
    expect(facts.smsSteps).toEqual([{ interventionType: 'knee_corticosteroid_injection', kind: 'follow_up', stepMinutes: 1440, sent: 2, answered: 1 }]);
  });
});

describe(headlineChangePct.name, () => {
  it('should read a diagnostic block on its peak relief', () => {
    const block = assessment('x', {
      diagnostic: true,
      windows: [{ phase: 'anaesthetic', label: '', from: '', to: '', n: 3, median: 3, relief: 5, reliefPct: 62.5, peakReliefPct: 87.5, category: 'strongly_positive' }],
    });
    expect(headlineChangePct(block)).toBe(-87.5);
  });
});

describe(smsStepLabel.name, () => {
  it.each([[30, '+30 min'], [240, '+4 h'], [1440, '+1 d'], [20160, '+14 d']])('labels %p minutes as %s', (minutes, label) => {
    expect(smsStepLabel('follow_up', minutes)).toBe(label);
  });
});
