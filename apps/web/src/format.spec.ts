import { probabilityMeaning } from './format';

describe('probabilityMeaning', () => {
  it('should call 80 % or more confident', () => {
    expect(probabilityMeaning('spine', 0.93)).toMatch(/^Confident/);
  });
  it('should read a calibrated percentage back as the share of patients who were right', () => {
    expect(probabilityMeaning('knee', 0.62)).toBe('Of validation patients shown 62 %, about 62 % were right.');
  });
  it('should say that an answer just short of confident may be better than it says', () => {
    expect(probabilityMeaning('mixed', 0.79)).toMatch(/79 % were right — or more/);
  });
  it('should add nothing to an answer that is not yet clear', () => {
    expect(probabilityMeaning('inconclusive', 0.5)).toBeNull();
  });
});
