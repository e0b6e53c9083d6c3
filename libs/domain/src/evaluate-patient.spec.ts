import { ATTRIBUTION_SETTINGS } from './attribution';
import { evaluatePatient } from './evaluate-patient';
import {
  MEDIAL_KNEE_FINDINGS,
  MEDIAL_RADICULAR_FINDINGS,
  diary,
  hoursAfter,
  intervention,
  patient,
  visit,
} from './patient-scenario.fixture';

const BLOCK_HOURS = [0.5, 1, 2, 4, 6];
const steady = (pain: number) => () => pain;
/** Pain that drops by `relief` points inside [from, to] and is `pain` otherwise. */
const reliefBetween = (pain: number, relief: number, from: number, to: number) => (day: number) => (day >= from && day <= to ? pain - relief : pain);

describe(evaluatePatient.name, () => {
  describe('pain source', () => {
    it('classifies as spine when the nerve root block gives 80 % relief and the knee injection none', () => {
      const { attribution } = evaluatePatient(
        patient({
          visits: [visit('v1', -14, MEDIAL_RADICULAR_FINDINGS)],
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('root-block', 'selective_nerve_root_block', 50, { spinalLevels: ['L3-L4'], laterality: 'right' }),
          ],
          scores: [...diary(-14, 90, steady(7)), ...hoursAfter(50, 10, BLOCK_HOURS, 1)],
        }),
      );
      expect(attribution.classification).toBe('spine');
      expect(attribution.probability).toBeGreaterThan(0.9);
      expect(attribution.knee.status).toBe('no_response');
      expect(attribution.spine.status).toBe('responded');
      expect(attribution.clinicalPicture.agreesWithResponse).toBe(true);
    });

    it('classifies as knee when the knee steroid halves the pain and the epidural does nothing', () => {
      const { attribution } = evaluatePatient(
        patient({
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('epidural', 'transforaminal_esi', 70, { spinalLevels: ['L3-L4'] }),
          ],
          scores: diary(-14, 110, reliefBetween(8, 4, 3, 40)),
        }),
      );
      expect(attribution.classification).toBe('knee');
      expect(attribution.probability).toBeGreaterThan(0.8);
      expect(attribution.knee.reliefPct).toBeGreaterThan(40);
      expect(attribution.spine.status).toBe('no_response');
    });

    it('classifies as knee, saying spine is untested, when a diagnostic knee block and the steroid both relieve', () => {
      const { attribution } = evaluatePatient(
        patient({
          interventions: [intervention('knee-block', 'knee_anesthetic_injection', 0), intervention('knee-steroid', 'knee_corticosteroid_injection', 60)],
          scores: [...diary(-10, 110, reliefBetween(7, 4, 63, 100)), ...hoursAfter(0, 10, BLOCK_HOURS, 1)],
        }),
      );
      expect(attribution.classification).toBe('knee');
      expect(attribution.spine.status).toBe('untested');
      expect(attribution.knee.status).toBe('responded');
    });

    it('classifies as mixed when knee and spine care each relieve about a third', () => {
      const { attribution } = evaluatePatient(
        patient({
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('epidural', 'transforaminal_esi', 60, { spinalLevels: ['L3-L4'] }),
          ],
          scores: diary(-14, 110, (day) => reliefBetween(8, 2.5, 3, 40)(day) - (day >= 63 && day <= 88 ? 2.5 : 0)),
        }),
      );
      expect(attribution.classification).toBe('mixed');
      expect(attribution.knee.status).toBe('partial');
      expect(attribution.spine.status).toBe('partial');
    });

    it('classifies as neither when a knee block, a knee steroid and a nerve root block all failed', () => {
      const { attribution } = evaluatePatient(
        patient({
          interventions: [
            intervention('knee-block', 'knee_anesthetic_injection', 0),
            intervention('knee-steroid', 'knee_corticosteroid_injection', 20),
            intervention('root-block', 'selective_nerve_root_block', 70, { spinalLevels: ['L3-L4'] }),
          ],
          scores: [...diary(-14, 100, steady(6)), ...hoursAfter(0, 10, BLOCK_HOURS, 6), ...hoursAfter(70, 10, BLOCK_HOURS, 6)],
        }),
      );
      expect(attribution.classification).toBe('neither');
      expect(attribution.suggestion).toBeNull();
    });
  });

  describe('only one target tested', () => {
    it('says inconclusive — "not the knee", not "the spine" — when the knee injection failed and the spine is untested', () => {
      const { assessments, attribution } = evaluatePatient(
        patient({
          visits: [visit('v1', -14, MEDIAL_RADICULAR_FINDINGS)],
          interventions: [intervention('knee-steroid', 'knee_corticosteroid_injection', 0)],
          scores: diary(-14, 60, steady(7)),
        }),
      );
      expect(assessments[0].category).toBe('non_responder');
      expect(attribution.classification).toBe('inconclusive');
      expect(attribution.knee.status).toBe('no_response');
      expect(attribution.spine.status).toBe('untested');
      expect(attribution.suggestion).toBe(
        'knee-directed care did not help; spine untested — consider a diagnostic selective nerve root block at L3/L4, matching the medial knee pain',
      );
    });

    it('suggests a diagnostic knee block when spine care failed and the knee is untested', () => {
      const { attribution } = evaluatePatient(
        patient({
          interventions: [intervention('epidural', 'interlaminar_esi', 0)],
          scores: diary(-14, 60, steady(7)),
        }),
      );
      expect(attribution.classification).toBe('inconclusive');
      expect(attribution.suggestion).toMatch(/^spine-directed care did not help; knee untested — consider a diagnostic knee local-anaesthetic injection/);
    });

    it('does not read a negative nerve root block at L5-S1 as ruling out the spine when the medial knee pain points to L3/L4', () => {
      const { attribution } = evaluatePatient(
        patient({
          visits: [visit('v1', -14, MEDIAL_RADICULAR_FINDINGS)],
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('root-block', 'selective_nerve_root_block', 50, { spinalLevels: ['L5-S1'] }),
          ],
          scores: [...diary(-14, 90, steady(6)), ...hoursAfter(50, 10, BLOCK_HOURS, 6)],
        }),
      );
      expect(attribution.classification).not.toBe('neither');
      const block = attribution.evidence.find((item) => item.interventionId === 'root-block')!;
      expect(block.note).toContain('L3/L4');
    });
  });

  describe('pitfalls', () => {
    it('does not credit the knee injection when the only baseline score was a 10/10 flare on the day of enrolment', () => {
      const { assessments, attribution } = evaluatePatient(
        patient({
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('epidural', 'transforaminal_esi', 60, { spinalLevels: ['L3-L4'] }),
          ],
          scores: [{ score: 10, recordedAt: new Date(intervention('x', 'other', -1).performedAt), source: 'clinic' }, ...diary(1, 100, steady(6))],
        }),
      );
      // The textbook reading is fooled: 10 → 6 looks like a 40 % responder.
      expect(assessments[0].category).toBe('responder');
      expect(attribution.knee.status).toBe('no_response');
      expect(attribution.classification).not.toBe('knee');
    });

    it('ignores placebo relief in the first three days after the knee injection', () => {
      const { attribution } = evaluatePatient(
        patient({
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('root-block', 'selective_nerve_root_block', 50, { spinalLevels: ['L3-L4'] }),
          ],
          scores: [...diary(-14, 90, reliefBetween(7, 4, 0, 2)), ...hoursAfter(50, 10, BLOCK_HOURS, 1)],
        }),
      );
      expect(attribution.knee.status).toBe('no_response');
      expect(attribution.classification).toBe('spine');
    });

    it('still classifies as knee when the patient skipped most days', () => {
      const sparse = (day: number) => day % 5 !== 0 && day % 3 !== 1;
      const { attribution } = evaluatePatient(
        patient({
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('epidural', 'transforaminal_esi', 70, { spinalLevels: ['L3-L4'] }),
          ],
          scores: diary(-14, 110, reliefBetween(8, 4, 3, 40), { skip: sparse }),
        }),
      );
      expect(attribution.classification).toBe('knee');
    });

    it('gives the same answer whatever order the scores, interventions and visits arrive in', () => {
      const input = patient({
        visits: [visit('v1', -14, MEDIAL_RADICULAR_FINDINGS), visit('v2', 30, MEDIAL_KNEE_FINDINGS)],
        interventions: [
          intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
          intervention('root-block', 'selective_nerve_root_block', 50, { spinalLevels: ['L3-L4'] }),
        ],
        scores: [...diary(-14, 90, reliefBetween(7, 2, 5, 20)), ...hoursAfter(50, 10, BLOCK_HOURS, 2)],
      });
      const shuffled = {
        ...input,
        scores: [...input.scores].sort((a, b) => ((a.recordedAt.getTime() * 7919) % 1009) - ((b.recordedAt.getTime() * 7919) % 1009)),
        interventions: [...input.interventions].reverse(),
        visits: [...input.visits].reverse(),
      };
      expect(evaluatePatient(shuffled)).toEqual(evaluatePatient(input));
    });

    it('flags a knee injection and an epidural in the same week as confounding each other', () => {
      const { assessments, attribution } = evaluatePatient(
        patient({
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('epidural', 'transforaminal_esi', 4, { spinalLevels: ['L3-L4'] }),
          ],
          scores: diary(-14, 90, reliefBetween(7, 3.5, 5, 36)),
        }),
      );
      expect(assessments.map((a) => a.confoundedBy.map((other) => other.interventionId))).toEqual([['epidural'], ['knee-steroid']]);
      expect(attribution.evidence.every((item) => item.confounded && item.note.includes('confounded by'))).toBe(true);
      expect(attribution.knee.status).toBe('confounded_only');
      expect(attribution.probability).toBeLessThan(0.9);
    });

    it('keeps a confounded knee injection as evidence, with a wider error than the same injection alone', () => {
      const scores = diary(-14, 90, reliefBetween(7, 3.5, 5, 36));
      const kneeSteroid = intervention('knee-steroid', 'knee_corticosteroid_injection', 0);
      const alone = evaluatePatient(patient({ interventions: [kneeSteroid], scores })).attribution.evidence[0];
      const together = evaluatePatient(
        patient({ interventions: [kneeSteroid, intervention('epidural', 'transforaminal_esi', 4, { spinalLevels: ['L3-L4'] })], scores }),
      ).attribution.evidence[0];
      expect(together.weight).toBeGreaterThan(0);
      expect(together.se!).toBeGreaterThan(alone.se! * 1.5);
    });

    it('counts a one-sided injection that relieves a third of bilateral knee pain as a knee response', () => {
      const { attribution } = evaluatePatient(
        patient({
          indexKnee: 'bilateral',
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0, { laterality: 'right' }),
            intervention('epidural', 'interlaminar_esi', 70),
          ],
          scores: diary(-14, 110, reliefBetween(8, 2.5, 3, 40)),
        }),
      );
      expect(attribution.knee.status).toBe('responded');
      expect(attribution.evidence[0].note).toContain('only the right knee treated');
    });

    it('does not let an injection into the other knee vote', () => {
      const { attribution } = evaluatePatient(
        patient({
          indexKnee: 'left',
          interventions: [intervention('knee-steroid', 'knee_corticosteroid_injection', 0, { laterality: 'right' })],
          scores: diary(-14, 60, reliefBetween(7, 4, 3, 40)),
        }),
      );
      expect(attribution.knee.status).toBe('untested');
      expect(attribution.evidence[0]).toMatchObject({ weight: 0, likelihoodRatio: null });
    });

    it('does not credit any treatment when the patient improves steadily regardless of treatment', () => {
      const { assessments, attribution } = evaluatePatient(
        patient({
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('epidural', 'transforaminal_esi', 60, { spinalLevels: ['L3-L4'] }),
          ],
          scores: diary(-14, 120, (day) => 8 - (day + 14) * 0.035),
        }),
      );
      // Textbook medians see relief after each injection; the trend explains it.
      expect(assessments.map((a) => a.category)).not.toEqual(['non_responder', 'non_responder']);
      expect(attribution.trendPerMonth).toBeLessThan(-0.5);
      expect(['neither', 'inconclusive']).toContain(attribution.classification);
      expect(attribution.knee.status).toBe('no_response');
      expect(attribution.spine.status).toBe('no_response');
    });
  });

  describe('placebo and aim (2025.2)', () => {
    const kneeBlockThenRootBlock = (afterBlock: (day: number) => number) =>
      patient({
        interventions: [
          intervention('knee-block', 'knee_anesthetic_injection', 0),
          intervention('root-block', 'selective_nerve_root_block', 40, { spinalLevels: ['L3-L4'] }),
        ],
        scores: [...diary(-14, 60, afterBlock, { wobble: false }), ...hoursAfter(0, 10, BLOCK_HOURS, 3)],
      });

    it('credits a knee block whose relief lasts hours, but not one whose relief carries on for two days (placebo)', () => {
      const hoursOnly = evaluatePatient(kneeBlockThenRootBlock(steady(7))).attribution;
      const lingering = evaluatePatient(kneeBlockThenRootBlock((day) => (day >= 0 && day <= 2 ? 3 : 7))).attribution;
      expect(hoursOnly.knee.status).toBe('responded');
      expect(lingering.knee.status).not.toBe('responded');
      expect(lingering.evidence[0].reliefPct!).toBeLessThan(hoursOnly.evidence[0].reliefPct! - 20);
    });

    it('reads a negative root block at the level of the lumbar MRI lesion as a real test, even when the knee pain location points elsewhere', () => {
      const lateralPain = { location: { lateral: 'present' as const } };
      const evaluate = (imaging: object) =>
        evaluatePatient(
          patient({
            visits: [visit('v1', -14, { ...lateralPain, imaging })],
            interventions: [intervention('root-block', 'selective_nerve_root_block', 0, { spinalLevels: ['L3-L4'] })],
            scores: [...diary(-14, 20, steady(7)), ...hoursAfter(0, 10, BLOCK_HOURS, 7)],
          }),
        ).attribution;
      const withoutMri = evaluate({});
      const withMri = evaluate({ lumbarMri: [{ finding: 'disc_herniation', level: 'L3-L4', side: 'right' }] });
      expect(withoutMri.evidence[0].note).toContain('points to the L5/S1 roots');
      expect(withMri.evidence[0].note).not.toContain('points to');
      expect(withMri.evidence[0].likelihoodRatio!).toBeLessThan(withoutMri.evidence[0].likelihoodRatio!);
      expect(withMri.clinicalPicture.lumbarMriLevels).toEqual(['L3-L4']);
    });
  });

  describe('aim of a root block (2025.8)', () => {
    const negativeRootBlock = (level: string, imaging: object, settings = ATTRIBUTION_SETTINGS) =>
      evaluatePatient(
        patient({
          visits: [visit('v1', -14, { ...MEDIAL_RADICULAR_FINDINGS, imaging })],
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('root-block', 'selective_nerve_root_block', 50, { spinalLevels: [level] }),
          ],
          scores: [...diary(-14, 90, steady(6)), ...hoursAfter(0, 10, BLOCK_HOURS, 6), ...hoursAfter(50, 10, BLOCK_HOURS, 6)],
        }),
        settings,
      ).attribution;

    it('reads a negative root block aimed by the knee pain pattern alone as weaker evidence against the spine than one at the imaged lesion', () => {
      const patternOnly = negativeRootBlock('L3-L4', {});
      const atLesion = negativeRootBlock('L3-L4', { lumbarMri: [{ finding: 'disc_herniation', level: 'L3-L4', side: 'right' }] });
      const blockOf = (attribution: typeof patternOnly) => attribution.evidence.find((item) => item.interventionId === 'root-block')!;
      expect(blockOf(patternOnly).note).toContain('not confirmed by a lumbar MRI lesion');
      expect(blockOf(atLesion).note).not.toContain('may have missed');
      expect(blockOf(atLesion).likelihoodRatio!).toBeLessThan(blockOf(patternOnly).likelihoodRatio!);
      expect(blockOf(patternOnly).likelihoodRatio!).toBeLessThan(1);
      // Both targets failed either way; the pattern-aimed block leaves more room for the spine (read before the
      // recalibration, which shows both just under "confident").
      expect(atLesion.classification).toBe('neither');
      const raw = { ...ATTRIBUTION_SETTINGS, calibration: [] };
      expect(negativeRootBlock('L3-L4', {}, raw).posterior.neither).toBeLessThan(
        negativeRootBlock('L3-L4', { lumbarMri: [{ finding: 'disc_herniation', level: 'L3-L4', side: 'right' }] }, raw).posterior.neither,
      );
    });

    it('reads a block at L4-L5, which carries either root, as possibly having missed the symptomatic root', () => {
      const shared = negativeRootBlock('L4-L5', {});
      expect(shared.evidence.find((item) => item.interventionId === 'root-block')!.note).toContain('at L4-L5, which carries either root');
    });
  });

  describe('too little data', () => {
    it('says inconclusive and asks for scores when no pain score was ever sent', () => {
      const { assessments, attribution } = evaluatePatient(
        patient({ interventions: [intervention('knee-steroid', 'knee_corticosteroid_injection', 0)], scores: [] }),
      );
      expect(assessments[0].status).toBe('insufficient_data');
      expect(attribution.classification).toBe('inconclusive');
      expect(attribution.suggestion).toMatch(/^too few pain scores around the knee corticosteroid injection/);
    });

    it('flags the clinical picture disagreeing when a radicular picture meets a clear knee response', () => {
      const { attribution } = evaluatePatient(
        patient({
          visits: [visit('v1', -14, MEDIAL_RADICULAR_FINDINGS)],
          interventions: [
            intervention('knee-steroid', 'knee_corticosteroid_injection', 0),
            intervention('epidural', 'transforaminal_esi', 70, { spinalLevels: ['L3-L4'] }),
          ],
          scores: diary(-14, 110, reliefBetween(8, 4, 3, 40)),
        }),
      );
      expect(attribution.classification).toBe('knee');
      expect(attribution.clinicalPicture.lean).toBe('spine');
      expect(attribution.clinicalPicture.agreesWithResponse).toBe(false);
    });
  });

  it('produces JSON-serialisable output with ISO times', () => {
    const result = evaluatePatient(
      patient({ interventions: [intervention('knee-block', 'knee_anesthetic_injection', 0)], scores: [...diary(-3, 3, steady(6)), ...hoursAfter(0, 10, BLOCK_HOURS, 2)] }),
    );
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.assessments[0].windows[0].from).toBe('2025-03-03T10:15:00.000Z');
    expect(result.attribution.algorithmVersion).toMatch(/^relieftrace-response-/);
  });
});
