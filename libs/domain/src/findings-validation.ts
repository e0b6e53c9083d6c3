import { EMG_RESULTS, FINDING_GROUPS, FINDING_STATES, LUMBAR_MRI_FINDINGS } from './findings';

const LUMBAR_LEVELS = ['L2-L3', 'L3-L4', 'L4-L5', 'L5-S1'];
const LESION_SIDES = ['left', 'right', 'central', 'bilateral'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = (values: readonly unknown[]) => values.join(', ');

/**
 * Every problem with a visit's findings, each naming its field ("findings.exam.mcmurray must be …").
 * Unknown keys are problems too: a misspelt finding silently dropped would read as "not assessed".
 */
export function findingsProblems(findings: unknown): string[] {
  if (!isObject(findings)) return ['findings must be an object'];
  const problems: string[] = [];
  const known = new Set([...Object.keys(FINDING_GROUPS), 'imaging']);
  for (const key of Object.keys(findings)) if (!known.has(key)) problems.push(`findings.${key} is not a finding group (expected one of: ${oneOf([...known])})`);

  for (const [group, names] of Object.entries(FINDING_GROUPS)) {
    if (group === 'kneeMri' || findings[group] === undefined) continue;
    problems.push(...stateGroupProblems(`findings.${group}`, findings[group], names));
  }
  if (findings.imaging !== undefined) problems.push(...imagingProblems(findings.imaging));
  return problems;
}

function stateGroupProblems(path: string, value: unknown, names: readonly string[]): string[] {
  if (!isObject(value)) return [`${path} must be an object`];
  return Object.entries(value).flatMap(([name, state]) => {
    if (!names.includes(name)) return [`${path}.${name} is not a known finding (expected one of: ${oneOf(names)})`];
    if (!(FINDING_STATES as readonly unknown[]).includes(state)) return [`${path}.${name} must be one of: ${oneOf(FINDING_STATES)}`];
    return [];
  });
}

function imagingProblems(imaging: unknown): string[] {
  if (!isObject(imaging)) return ['findings.imaging must be an object'];
  const problems: string[] = [];
  for (const key of Object.keys(imaging)) {
    if (!['kneeXrayKellgrenLawrence', 'kneeMri', 'lumbarMri', 'emg'].includes(key)) problems.push(`findings.imaging.${key} is not a known imaging result`);
  }
  const kl = imaging.kneeXrayKellgrenLawrence;
  if (kl !== undefined && !(Number.isInteger(kl) && (kl as number) >= 0 && (kl as number) <= 4)) {
    problems.push('findings.imaging.kneeXrayKellgrenLawrence must be a Kellgren–Lawrence grade 0–4');
  }
  if (imaging.kneeMri !== undefined) problems.push(...stateGroupProblems('findings.imaging.kneeMri', imaging.kneeMri, FINDING_GROUPS.kneeMri));
  if (imaging.emg !== undefined && !(EMG_RESULTS as readonly unknown[]).includes(imaging.emg)) {
    problems.push(`findings.imaging.emg must be one of: ${oneOf(EMG_RESULTS)}`);
  }
  if (imaging.lumbarMri !== undefined) {
    if (!Array.isArray(imaging.lumbarMri) || imaging.lumbarMri.length > 10) problems.push('findings.imaging.lumbarMri must be a list of at most 10 lesions');
    else imaging.lumbarMri.forEach((lesion, i) => problems.push(...lesionProblems(`findings.imaging.lumbarMri.${i}`, lesion)));
  }
  return problems;
}

function lesionProblems(path: string, lesion: unknown): string[] {
  if (!isObject(lesion)) return [`${path} must be an object`];
  const problems: string[] = [];
  for (const key of Object.keys(lesion)) if (!['finding', 'level', 'side'].includes(key)) problems.push(`${path}.${key} is not a lesion field`);
  if (!(LUMBAR_MRI_FINDINGS as readonly unknown[]).includes(lesion.finding)) problems.push(`${path}.finding must be one of: ${oneOf(LUMBAR_MRI_FINDINGS)}`);
  if (!LUMBAR_LEVELS.includes(lesion.level as string)) problems.push(`${path}.level must be one of: ${oneOf(LUMBAR_LEVELS)}`);
  if (!LESION_SIDES.includes(lesion.side as string)) problems.push(`${path}.side must be one of: ${oneOf(LESION_SIDES)}`);
  return problems;
}
