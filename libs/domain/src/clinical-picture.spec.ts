import { clinicalPictureOf, rootLevelFor } from './clinical-picture';
import { MEDIAL_KNEE_FINDINGS, MEDIAL_RADICULAR_FINDINGS, visit } from './patient-scenario.fixture';

describe(clinicalPictureOf.name, () => {
  it('leans radicular for burning medial pain radiating from the back with a positive femoral stretch', () => {
    expect(clinicalPictureOf([visit('v1', 0, MEDIAL_RADICULAR_FINDINGS)])).toMatchObject({ lean: 'spine', radicularFindings: 6, kneeFindings: 0, suggestedRootLevel: 'L3/L4' });
  });

  it('leans to the knee for mechanical pain with joint line tenderness, McMurray and KL 3 arthritis', () => {
    const picture = clinicalPictureOf([visit('v1', 0, MEDIAL_KNEE_FINDINGS)]);
    expect(picture).toMatchObject({ lean: 'knee', kneeFindings: 7 });
    expect(picture.kneeFindingNames).toContain('imaging.kneeXray.KL3');
  });

  it('lets the latest visit that assessed a finding decide it', () => {
    const picture = clinicalPictureOf([visit('v2', 10, { exam: { mcmurray: 'absent' } }), visit('v1', 0, { exam: { mcmurray: 'present' } })]);
    expect(picture.kneeFindingNames).not.toContain('exam.mcmurray');
  });

  it('does not count a normal EMG against radiculopathy', () => {
    expect(clinicalPictureOf([visit('v1', 0, { imaging: { emg: 'normal' } })])).toMatchObject({ radicularFindings: 0, lean: 'unknown' });
  });

  it.each([
    [['anterior'], 'L3/L4'],
    [['medial'], 'L3/L4'],
    [['lateral'], 'L5/S1'],
    [['posterior'], 'L5/S1'],
    [['medial', 'lateral'], null],
    [['diffuse'], null],
  ] as const)('points %p knee pain to the %s roots', (locations, expected) => {
    expect(rootLevelFor(locations)).toBe(expected);
  });
});
