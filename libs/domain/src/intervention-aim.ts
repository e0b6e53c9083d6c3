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
  /**
   * Done where the recorded picture points: not on the wrong side, and at a level the pain pattern or the lumbar MRI
   * points to (2025.8: such a block can still miss, `aim.missRate` says how often; this flag keeps the question
   * "was it aimed where the picture points?" apart from it — the validation harness's definition of a proper test reads it).
   */
  aimedAtPicture: boolean;
}

/** A unilateral knee procedure treats roughly half of bilateral knee pain. */
const UNILATERAL_SHARE_OF_BILATERAL = 0.6;
/** A block at a root that does not match the pain pattern usually misses the generator. */
const OFF_LEVEL_MISS_RATE = 0.7;
const WRONG_SIDE_MISS_RATE = 0.8;
/**
 * 2025.8: a root-specific block whose level the lumbar MRI does not confirm is aimed by the knee pain pattern, and the
 * pattern points to the symptomatic root only most of the time (dermatomes overlap; a medial knee can be L3 or L4).
 * At L4-L5, a segment that carries either root, the needle reaches the one that hurts less often still. Until 2025.7
 * both were read as sure hits, so a silent block at a plausible level was read as "the spine is not the source" with
 * full force. Rates measured on the calibration seed among patients whose spine carries pain (0.12 and 0.25).
 */
const PATTERN_AIMED_MISS_RATE = 0.12;
const SHARED_SEGMENT_MISS_RATE = 0.25;

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
      return { aim: ON_TARGET, testsIndexKnee: false, caveat: `done on the ${side} knee; the index knee is the ${indexKnee}`, aimedAtPicture: false };
    }
    if (indexKnee === 'bilateral' && side && side !== 'bilateral') {
      return {
        aim: { coverage: UNILATERAL_SHARE_OF_BILATERAL, missRate: 0 },
        testsIndexKnee: true,
        caveat: `only the ${side} knee treated while both knees hurt — partial relief expected`,
        aimedAtPicture: true,
      };
    }
    return { aim: ON_TARGET, testsIndexKnee: true, caveat: null, aimedAtPicture: true };
  }
  if (target === 'spine' && ROOT_SPECIFIC.includes(intervention.type)) {
    if (side && side !== 'bilateral' && indexKnee !== 'bilateral' && side !== indexKnee) {
      return { aim: { coverage: 1, missRate: WRONG_SIDE_MISS_RATE }, testsIndexKnee: true, caveat: `${side}-sided, while the index knee is the ${indexKnee}`, aimedAtPicture: false };
    }
    const levels = intervention.spinalLevels ?? [];
    const matchesMri = levels.some((level) => lumbarMriLevels.includes(level));
    if (suggestedRootLevel && levels.length > 0 && !matchesMri && !levels.some((level) => SEGMENTS_OF_ROOT[suggestedRootLevel].includes(level))) {
      return {
        aim: { coverage: 1, missRate: OFF_LEVEL_MISS_RATE },
        testsIndexKnee: true,
        caveat: `at ${levels.join(', ')}, while the knee pain pattern points to the ${suggestedRootLevel} roots`,
        aimedAtPicture: false,
      };
    }
    if (levels.length > 0 && !matchesMri) {
      if (lumbarMriLevels.length > 0 && !levels.every((level) => level === 'L4-L5')) {
        // The MRI shows the lesion at another level: the pattern-matched level is probably not the symptomatic root.
        return {
          aim: { coverage: 1, missRate: OFF_LEVEL_MISS_RATE },
          testsIndexKnee: true,
          caveat: `at ${levels.join(', ')}, while the lumbar MRI shows the lesion at ${lumbarMriLevels.join(', ')}`,
          aimedAtPicture: true,
        };
      }
      const shared = levels.every((level) => level === 'L4-L5');
      return {
        aim: { coverage: 1, missRate: shared ? SHARED_SEGMENT_MISS_RATE : PATTERN_AIMED_MISS_RATE },
        testsIndexKnee: true,
        caveat: shared
          ? 'at L4-L5, which carries either root and is not confirmed by a lumbar MRI lesion — may have missed the symptomatic root'
          : 'level chosen from the knee pain pattern, not confirmed by a lumbar MRI lesion — may have missed the symptomatic root',
        aimedAtPicture: true,
      };
    }
  }
  return { aim: ON_TARGET, testsIndexKnee: true, caveat: null, aimedAtPicture: true };
}
