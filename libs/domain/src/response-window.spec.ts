import { TIME, type InterventionType } from './intervention-catalogue';
import { interventionTypeSummaries } from './intervention-type-summary';
import { agentClassesOf, responseWindows } from './response-window';

const { MINUTE, HOUR, DAY, WEEK } = TIME;
const span = (type: InterventionType, extra: { agents?: string[]; performedAt?: Date; endedAt?: Date | null } = {}) =>
  responseWindows({ type, ...extra }).map((window) => [window.phase, window.fromMs, window.toMs]);

describe('responseWindows', () => {
  it.each([
    ['knee_anesthetic_injection', [['anaesthetic', 15 * MINUTE, 6 * HOUR]]],
    ['genicular_nerve_block', [['anaesthetic', 15 * MINUTE, 6 * HOUR]]],
    ['selective_nerve_root_block', [['anaesthetic', 15 * MINUTE, 6 * HOUR]]],
    ['knee_corticosteroid_injection', [['anaesthetic', 15 * MINUTE, 6 * HOUR], ['steroid', 3 * DAY, 42 * DAY]]],
    ['transforaminal_esi', [['anaesthetic', 15 * MINUTE, 6 * HOUR], ['steroid', 3 * DAY, 28 * DAY]]],
    ['interlaminar_esi', [['anaesthetic', 15 * MINUTE, 6 * HOUR], ['steroid', 3 * DAY, 28 * DAY]]],
    ['caudal_esi', [['anaesthetic', 15 * MINUTE, 6 * HOUR], ['steroid', 3 * DAY, 28 * DAY]]],
    ['knee_hyaluronic_acid', [['biologic', 4 * WEEK, 26 * WEEK]]],
    ['knee_prp', [['biologic', 4 * WEEK, 26 * WEEK]]],
    ['knee_arthroscopy', [['surgical', 6 * WEEK, 12 * WEEK]]],
    ['lumbar_decompression', [['surgical', 6 * WEEK, 12 * WEEK]]],
    ['pt_quadriceps_strengthening', [['course', 2 * WEEK, 8 * WEEK]]],
    ['pt_extension_mobilization', [['course', 2 * WEEK, 8 * WEEK]]],
    ['oral_nsaid', [['systemic', 3 * DAY, 14 * DAY]]],
    ['oral_corticosteroid', [['systemic', 3 * DAY, 14 * DAY]]],
    ['gabapentinoid', [['systemic', 3 * DAY, 14 * DAY]]],
    ['other', [['systemic', 3 * DAY, 14 * DAY]]],
  ] as const)('gives %s its windows with the default agents', (type, expected) => {
    expect(span(type)).toEqual(expected);
  });

  it('adds an anaesthetic phase to hyaluronic acid mixed with lidocaine', () => {
    expect(span('knee_hyaluronic_acid', { agents: ['Lidocaine'] })).toEqual([
      ['anaesthetic', 15 * MINUTE, 6 * HOUR],
      ['biologic', 4 * WEEK, 26 * WEEK],
    ]);
  });

  it('has no steroid phase for a knee "corticosteroid" injection recorded with lidocaine only', () => {
    expect(span('knee_corticosteroid_injection', { agents: ['lidocaine'] })).toEqual([['anaesthetic', 15 * MINUTE, 6 * HOUR]]);
  });

  it('ignores agent names it does not know instead of guessing', () => {
    expect(span('knee_corticosteroid_injection', { agents: ['saline', 'triamcinolone'] })).toEqual([['steroid', 3 * DAY, 42 * DAY]]);
  });

  it('falls back to the default agents when none are recorded', () => {
    expect(agentClassesOf({ type: 'transforaminal_esi', agents: [] })).toEqual(new Set(['local_anaesthetic', 'corticosteroid']));
  });

  it('reads a PT course from week 3 to two weeks after its recorded end', () => {
    const performedAt = new Date('2025-01-01T00:00:00Z');
    const endedAt = new Date(performedAt.getTime() + 10 * WEEK);
    expect(span('pt_quadriceps_strengthening', { performedAt, endedAt })).toEqual([['course', 2 * WEEK, 12 * WEEK]]);
  });

  it('assumes a six-week PT course when no end is recorded', () => {
    expect(span('pt_extension_mobilization', { performedAt: new Date('2025-01-01T00:00:00Z'), endedAt: null })).toEqual([['course', 2 * WEEK, 8 * WEEK]]);
  });
});

describe('interventionTypeSummaries', () => {
  it('lists every type once with its target and labelled windows', () => {
    const summaries = interventionTypeSummaries();
    expect(summaries).toHaveLength(17);
    const block = summaries.find((summary) => summary.type === 'selective_nerve_root_block')!;
    expect(block).toMatchObject({ target: 'spine', diagnostic: true, defaultAgents: ['bupivacaine'] });
    expect(block.windows).toEqual([{ phase: 'anaesthetic', fromMs: 15 * MINUTE, toMs: 6 * HOUR, label: '15 min – 6 h' }]);
    expect(JSON.parse(JSON.stringify(summaries))).toEqual(summaries);
  });
});
