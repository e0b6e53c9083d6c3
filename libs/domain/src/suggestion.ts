import type { EvidenceItem, PainSource, TargetSummary } from './attribution';
import type { ClinicalPicture } from './clinical-picture';
import { INTERVENTION_CATALOGUE } from './intervention-catalogue';

const DIAGNOSTIC_PROMPTS = 'with pain scores at 30 min, 1 h, 2 h, 4 h and 6 h';

/** The next step that would settle an inconclusive attribution, worded for the clinician. */
export function suggestNextStep(input: {
  knee: TargetSummary;
  spine: TargetSummary;
  leadingSource: PainSource;
  probability: number;
  evidence: readonly EvidenceItem[];
  clinicalPicture: ClinicalPicture;
}): string {
  const { knee, spine, clinicalPicture } = input;
  const rootBlock = nerveRootBlockAdvice(clinicalPicture);
  const kneeBlock = 'a diagnostic knee local-anaesthetic injection';
  const unreadable = input.evidence.filter((item) => item.target !== 'systemic' && item.reliefPct === null);

  if (knee.status === 'untested' && spine.status === 'untested') {
    if (unreadable.length > 0) {
      const names = unreadable.map((item) => INTERVENTION_CATALOGUE[item.type].label.toLowerCase()).join(', ');
      return `too few pain scores around the ${names} to read a response — encourage the patient to answer the SMS prompts; if the window has passed, consider ${kneeBlock} or ${rootBlock}, ${DIAGNOSTIC_PROMPTS}`;
    }
    return `no knee- or spine-directed care has been assessed yet — ${leanAdvice(clinicalPicture, kneeBlock, rootBlock)}, ${DIAGNOSTIC_PROMPTS}`;
  }
  if (spine.status === 'untested') {
    return `${failedWording('knee', knee)}; spine untested — consider ${rootBlock}`;
  }
  if (knee.status === 'untested') {
    return `${failedWording('spine', spine)}; knee untested — consider ${kneeBlock}`;
  }
  const weaker = (knee.se ?? Infinity) >= (spine.se ?? Infinity) ? `${kneeBlock}` : rootBlock;
  return `the responses do not yet separate the sources (leading: ${input.leadingSource}, ${Math.round(input.probability * 100)} %) — consider ${weaker}, ${DIAGNOSTIC_PROMPTS}, away from other treatments' windows`;
}

function failedWording(target: 'knee' | 'spine', summary: TargetSummary): string {
  if (summary.status === 'confounded_only') return `${target}-directed care was only seen overlapping other treatments`;
  if (summary.status === 'no_response') return `${target}-directed care did not help`;
  return `${target}-directed care helped only partly`;
}

function nerveRootBlockAdvice(picture: ClinicalPicture): string {
  if (!picture.suggestedRootLevel) return 'a diagnostic selective nerve root block at the level the exam and lumbar MRI point to';
  const locations = picture.painLocations.filter((location) => location !== 'diffuse');
  return `a diagnostic selective nerve root block at ${picture.suggestedRootLevel}, matching the ${locations.join(' and ')} knee pain`;
}

function leanAdvice(picture: ClinicalPicture, kneeBlock: string, rootBlock: string): string {
  if (picture.lean === 'spine') return `the clinical picture leans radicular: consider ${rootBlock}`;
  if (picture.lean === 'knee') return `the clinical picture leans to the knee: consider ${kneeBlock}`;
  return `consider ${kneeBlock} or ${rootBlock}`;
}
