import { TIME } from './intervention-catalogue';
import { intervention } from './patient-scenario.fixture';
import { assessResponse } from './response-assessment';

const block = intervention('block', 'selective_nerve_root_block', 0);
const steroid = intervention('steroid', 'knee_corticosteroid_injection', 0);
const t0 = steroid.performedAt.getTime();
const after = (ms: number, score: number) => ({ score, recordedAt: new Date(t0 + ms) });
const baselineScores = [after(-2 * TIME.DAY, 8), after(-TIME.DAY, 8)];
const assess = (subject: typeof block, scores: { score: number; recordedAt: Date }[], others = [subject]) =>
  assessResponse(subject, { scores: [...baselineScores, ...scores], visits: [], interventions: others });

describe(assessResponse.name, () => {
  it('reads a nerve root block from a single score in its anaesthetic window', () => {
    const assessment = assess(block, [after(TIME.HOUR, 1)]);
    expect(assessment).toMatchObject({ status: 'assessed', category: 'strongly_positive', peakReliefPct: 87.5, timeToPeakHours: 1 });
  });

  it.each([
    [15 * TIME.MINUTE - 1, 'insufficient_data'],
    [15 * TIME.MINUTE, 'strongly_positive'],
    [6 * TIME.HOUR, 'strongly_positive'],
    [6 * TIME.HOUR + 1, 'insufficient_data'],
  ] as const)('counts a score %p ms after the block as %s — window edges are inclusive', (offset, expected) => {
    expect(assess(block, [after(offset, 1)]).category).toBe(expected);
  });

  it('needs two scores in the steroid window', () => {
    expect(assess(steroid, [after(5 * TIME.DAY, 4)]).windows[1].category).toBe('insufficient_data');
    expect(assess(steroid, [after(5 * TIME.DAY, 4), after(6 * TIME.DAY, 4)]).windows[1]).toMatchObject({ n: 2, median: 4, relief: 4, reliefPct: 50, category: 'responder' });
  });

  it('heads a steroid injection with its steroid phase, not the anaesthetic hours', () => {
    const assessment = assess(steroid, [after(TIME.HOUR, 1), after(5 * TIME.DAY, 8), after(6 * TIME.DAY, 8)]);
    expect(assessment.windows.map((window) => window.category)).toEqual(['strongly_positive', 'non_responder']);
    expect(assessment.category).toBe('non_responder');
  });

  it('reports how long relief of at least 30 % lasted', () => {
    expect(assess(steroid, [after(5 * TIME.DAY, 4), after(10 * TIME.DAY, 5), after(20 * TIME.DAY, 8)]).durationDays).toBe(10);
  });

  it('is insufficient_data without any baseline', () => {
    const assessment = assessResponse(block, { scores: [after(TIME.HOUR, 1)], visits: [], interventions: [block] });
    expect(assessment).toMatchObject({ status: 'insufficient_data', baseline: null, category: 'insufficient_data' });
  });

  it('names the other intervention whose window overlaps, even a systemic one', () => {
    const nsaid = intervention('nsaid', 'oral_nsaid', 20);
    expect(assess(steroid, [], [steroid, nsaid])).toMatchObject({ confounded: true, confoundedBy: [{ interventionId: 'nsaid', type: 'oral_nsaid' }] });
  });

  it('does not flag an intervention whose windows end before the next one starts', () => {
    const later = intervention('later', 'oral_nsaid', 40);
    expect(assess(steroid, [], [steroid, later]).confounded).toBe(false);
  });
});
