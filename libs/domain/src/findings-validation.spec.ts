import { findingsProblems } from './findings-validation';

describe(findingsProblems.name, () => {
  it('accepts an empty visit and a fully filled one', () => {
    expect(findingsProblems({})).toEqual([]);
    expect(
      findingsProblems({
        location: { medial: 'present', lateral: 'absent' },
        exam: { straightLegRaise: 'present', mcmurray: 'not_assessed' },
        imaging: { kneeXrayKellgrenLawrence: 2, kneeMri: { meniscalTear: 'present' }, lumbarMri: [{ finding: 'foraminal_stenosis', level: 'L3-L4', side: 'left' }], emg: 'normal' },
      }),
    ).toEqual([]);
  });

  it.each([
    [{ exam: { mcmurray: 'yes' } }, 'findings.exam.mcmurray must be one of: present, absent, not_assessed'],
    [{ exam: { mcmurrey: 'present' } }, 'findings.exam.mcmurrey is not a known finding'],
    [{ mood: {} }, 'findings.mood is not a finding group'],
    [{ imaging: { kneeXrayKellgrenLawrence: 5 } }, 'findings.imaging.kneeXrayKellgrenLawrence must be a Kellgren–Lawrence grade 0–4'],
    [{ imaging: { lumbarMri: [{ finding: 'disc_herniation', level: 'L6-S1', side: 'left' }] } }, 'findings.imaging.lumbarMri.0.level must be one of'],
    [{ imaging: { emg: 'positive' } }, 'findings.imaging.emg must be one of: normal, radiculopathy, not_done'],
    ['present', 'findings must be an object'],
  ])('names the field of %j', (findings, expected) => {
    expect(findingsProblems(findings).join('\n')).toContain(expected);
  });
});
