/**
 * The structured findings of a visit (domain.md "Visit"). Every finding is present | absent | not_assessed;
 * the few graded results (Kellgren–Lawrence, lumbar MRI level, EMG) have their own shapes.
 */
export const FINDING_STATES = ['present', 'absent', 'not_assessed'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export const FINDING_GROUPS = {
  location: ['anterior', 'medial', 'lateral', 'posterior', 'diffuse', 'radiationFromBackOrButtock', 'painBelowKnee'],
  character: ['burning', 'shooting', 'sharp', 'aching', 'waxingWaningWithFlares', 'steadyMechanical'],
  aggravatedBy: ['weightBearing', 'stairs', 'squatting', 'prolongedStanding', 'sitting', 'coughSneeze'],
  history: ['stiffnessAfterInactivity', 'crepitus', 'kneeTrauma', 'lowBackPain'],
  exam: [
    'jointLineTenderness', 'effusion', 'crepitusOnMotion', 'mcmurray', 'patellarGrind', 'painReproducedBySquatOrPalpation',
    'straightLegRaise', 'crossedStraightLegRaise', 'femoralNerveStretch', 'motorWeakness',
  ],
  kneeMri: ['meniscalTear', 'cartilageLoss', 'ligamentInjury'],
} as const;

export type FindingGroup = keyof typeof FINDING_GROUPS;
export type FindingsOf<G extends FindingGroup> = { [K in (typeof FINDING_GROUPS)[G][number]]?: FindingState };

export const LUMBAR_MRI_FINDINGS = ['disc_herniation', 'foraminal_stenosis', 'central_stenosis'] as const;
export type LumbarMriFinding = (typeof LUMBAR_MRI_FINDINGS)[number];
export const EMG_RESULTS = ['normal', 'radiculopathy', 'not_done'] as const;
export type EmgResult = (typeof EMG_RESULTS)[number];

export interface LumbarMriLesion {
  finding: LumbarMriFinding;
  level: 'L2-L3' | 'L3-L4' | 'L4-L5' | 'L5-S1';
  side: 'left' | 'right' | 'central' | 'bilateral';
}

export interface VisitFindings {
  location?: FindingsOf<'location'>;
  character?: FindingsOf<'character'>;
  aggravatedBy?: FindingsOf<'aggravatedBy'>;
  history?: FindingsOf<'history'>;
  exam?: FindingsOf<'exam'>;
  imaging?: {
    /** Kellgren–Lawrence grade 0–4 of the knee X-ray; absent when no X-ray was read. */
    kneeXrayKellgrenLawrence?: 0 | 1 | 2 | 3 | 4;
    kneeMri?: FindingsOf<'kneeMri'>;
    lumbarMri?: LumbarMriLesion[];
    /** A normal EMG does not rule out mild radiculopathy. */
    emg?: EmgResult;
  };
}
