import type { RootLevel } from './clinical-picture';
import { INTERVENTION_CATALOGUE, type InterventionType } from './intervention-catalogue';
import type { IndexKnee, InterventionInput } from './patient-evidence';
import { ON_TARGET, type Aim } from './response-likelihood';

export interface AimAssessment {
  aim: Aim;
  /** False when the intervention cannot say anything about the index knee at all. */
  testsIndexKnee: boolean;
  /** Why the aim is imperfect, in the clinic's words; null when on target. */
  caveat: string | null;
}

/** A unilateral knee procedure treats roughly half of bilateral knee pain. */
const UNILATERAL_SHARE_OF_BILATERAL = 0.6;
/** A block at a root that does not match the pain pattern usually misses the generator. */
const OFF_LEVEL_MISS_RATE = 0.7;
const WRONG_SIDE_MISS_RATE = 0.8;

/** Spine procedures that reach one root, so their level and side matter; epidurals spread. */
const ROOT_SPECIFIC: readonly InterventionType[] = ['selective_nerve_root_block', 'transforaminal_esi'];

/** Segments whose foramina or traversing roots carry the L3/L4 or the L5/S1 roots. */
const SEGMENTS_OF_ROOT: Readonly<Record<RootLevel, readonly string[]>> = {
  'L3/L4': ['L2-L3', 'L3-L4', 'L4-L5'],
  'L5/S1': ['L4-L5', 'L5-S1'],
};

/**
 * How well an intervention can test the index knee's generator. A root-specific spine procedure is on
 * target when its level carries the root the knee pain pattern points to, or when it is at a level the
 * lumbar MRI shows a lesion (the clinician aimed at the imaged root).
 */
export function aimOf(intervention: InterventionInput, indexKnee: IndexKnee, suggestedRootLevel: RootLevel | null, lumbarMriLevels: readonly string[] = []): AimAssessment {
  const target = INTERVENTION_CATALOGUE[intervention.type].target;
  const side = intervention.laterality ?? null;
  if (target === 'knee') {
    if (side && side !== 'bilateral' && indexKnee !== 'bilateral' && side !== indexKnee) {
      return { aim: ON_TARGET, testsIndexKnee: false, caveat: `done on the ${side} knee; the index knee is the ${indexKnee}` };
    }
    if (indexKnee === 'bilateral' && side && side !== 'bilateral') {
      return {
        aim: { coverage: UNILATERAL_SHARE_OF_BILATERAL, missRate: 0 },
        testsIndexKnee: true,
        caveat: `only the ${side} knee treated while both knees hurt — partial relief expected`,
      };
    }
    return { aim: ON_TARGET, testsIndexKnee: true, caveat: null };
  }
  if (target === 'spine' && ROOT_SPECIFIC.includes(intervention.type)) {
    if (side && side !== 'bilateral' && indexKnee !== 'bilateral' && side !== indexKnee) {
      return { aim: { coverage: 1, missRate: WRONG_SIDE_MISS_RATE }, testsIndexKnee: true, caveat: `${side}-sided, while the index knee is the ${indexKnee}` };
    }
    const levels = intervention.spinalLevels ?? [];
    const matchesMri = levels.some((level) => lumbarMriLevels.includes(level));
    if (suggestedRootLevel && levels.length > 0 && !matchesMri && !levels.some((level) => SEGMENTS_OF_ROOT[suggestedRootLevel].includes(level))) {
      return {
        aim: { coverage: 1, missRate: OFF_LEVEL_MISS_RATE },
        testsIndexKnee: true,
        caveat: `at ${levels.join(', ')}, while the knee pain pattern points to the ${suggestedRootLevel} roots`,
      };
    }
  }
  return { aim: ON_TARGET, testsIndexKnee: true, caveat: null };
}
