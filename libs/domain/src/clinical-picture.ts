import type { FindingGroup, FindingState, VisitFindings } from './findings';
import type { VisitInput } from './patient-evidence';

export type ClinicalLean = 'knee' | 'spine' | 'balanced' | 'unknown';
export type RootLevel = 'L3/L4' | 'L5/S1';

/** History, exam and imaging — kept apart from treatment response so each can check the other. */
export interface ClinicalPicture {
  kneeFindings: number;
  radicularFindings: number;
  /** The present findings behind the tallies, e.g. "exam.mcmurray", "imaging.lumbarMri.L3-L4". */
  kneeFindingNames: string[];
  radicularFindingNames: string[];
  lean: ClinicalLean;
  suggestedRootLevel: RootLevel | null;
  /** Lumbar segments with a lesion on the latest lumbar MRI, e.g. ["L3-L4"]; a root block there is on target. */
  lumbarMriLevels: string[];
  /** Knee locations that are present, e.g. ["medial"]; used to word suggestions. */
  painLocations: string[];
  /** Filled in by attribution: null when either side has nothing to compare. */
  agreesWithResponse: boolean | null;
}

type FindingKey = { [G in FindingGroup]: `${G}.${string}` }[FindingGroup];

/** Findings the article ties to intrinsic knee pain (osteoarthritis, meniscus, patellofemoral). */
const KNEE_FINDINGS: readonly FindingKey[] = [
  'aggravatedBy.weightBearing', 'aggravatedBy.stairs', 'aggravatedBy.squatting', 'aggravatedBy.prolongedStanding',
  'character.steadyMechanical',
  'history.stiffnessAfterInactivity', 'history.crepitus', 'history.kneeTrauma',
  'exam.jointLineTenderness', 'exam.effusion', 'exam.crepitusOnMotion', 'exam.mcmurray', 'exam.patellarGrind',
  'exam.painReproducedBySquatOrPalpation',
  'kneeMri.meniscalTear', 'kneeMri.cartilageLoss', 'kneeMri.ligamentInjury',
];

/** Findings the article ties to referred pain from a lumbar nerve root. */
const RADICULAR_FINDINGS: readonly FindingKey[] = [
  'location.radiationFromBackOrButtock', 'location.painBelowKnee',
  'character.burning', 'character.shooting', 'character.sharp', 'character.waxingWaningWithFlares',
  'aggravatedBy.sitting', 'aggravatedBy.coughSneeze',
  'history.lowBackPain',
  'exam.straightLegRaise', 'exam.crossedStraightLegRaise', 'exam.femoralNerveStretch', 'exam.motorWeakness',
];

/** Osteoarthritis counts from Kellgren–Lawrence 2, the first grade with definite osteophytes. */
const KL_OSTEOARTHRITIS = 2;
/** A tally must lead by this many findings before the picture is said to lean; overlap is common. */
const LEAN_MARGIN = 2;

const UPPER_ROOT_LOCATIONS = ['anterior', 'medial'] as const;
const LOWER_ROOT_LOCATIONS = ['lateral', 'posterior'] as const;

export function clinicalPictureOf(visits: readonly VisitInput[]): ClinicalPicture {
  const ordered = [...visits].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id));
  const present = (key: FindingKey) => latestState(ordered, key) === 'present';
  const kneeFindingNames = KNEE_FINDINGS.filter(present).map(String);
  const radicularFindingNames = RADICULAR_FINDINGS.filter(present).map(String);
  const imaging = latestImaging(ordered);
  if (imaging.kellgrenLawrence !== undefined && imaging.kellgrenLawrence >= KL_OSTEOARTHRITIS) {
    kneeFindingNames.push(`imaging.kneeXray.KL${imaging.kellgrenLawrence}`);
  }
  for (const lesion of imaging.lumbarLesions) radicularFindingNames.push(`imaging.lumbarMri.${lesion}`);
  // A normal EMG does not rule out mild radiculopathy, so only a positive one is counted.
  if (imaging.emg === 'radiculopathy') radicularFindingNames.push('imaging.emg.radiculopathy');

  const painLocations = ['anterior', 'medial', 'lateral', 'posterior', 'diffuse'].filter((location) => present(`location.${location}` as FindingKey));
  return {
    kneeFindings: kneeFindingNames.length,
    radicularFindings: radicularFindingNames.length,
    kneeFindingNames,
    radicularFindingNames,
    lean: leanOf(kneeFindingNames.length, radicularFindingNames.length),
    suggestedRootLevel: rootLevelFor(painLocations),
    lumbarMriLevels: [...new Set(imaging.lumbarLevels)],
    painLocations,
    agreesWithResponse: null,
  };
}

function leanOf(knee: number, radicular: number): ClinicalLean {
  if (knee === 0 && radicular === 0) return 'unknown';
  if (knee >= radicular + LEAN_MARGIN) return 'knee';
  if (radicular >= knee + LEAN_MARGIN) return 'spine';
  return 'balanced';
}

/** L3/L4 roots refer to the front and inner knee, L5/S1 to the outer and back (the article). */
export function rootLevelFor(painLocations: readonly string[]): RootLevel | null {
  const upper = painLocations.filter((location) => (UPPER_ROOT_LOCATIONS as readonly string[]).includes(location)).length;
  const lower = painLocations.filter((location) => (LOWER_ROOT_LOCATIONS as readonly string[]).includes(location)).length;
  if (upper > lower) return 'L3/L4';
  if (lower > upper) return 'L5/S1';
  return null;
}

// The most recent visit that assessed a finding decides it: findings change, and later exams are better informed.
function latestState(visits: readonly VisitInput[], key: FindingKey): FindingState | undefined {
  const [group, name] = key.split('.') as [FindingGroup, string];
  let state: FindingState | undefined;
  for (const visit of visits) {
    const value = findingsOfGroup(visit.findings, group)?.[name];
    if (value === 'present' || value === 'absent') state = value;
  }
  return state;
}

function findingsOfGroup(findings: VisitFindings, group: FindingGroup): Record<string, FindingState | undefined> | undefined {
  if (group === 'kneeMri') return findings.imaging?.kneeMri;
  return findings[group];
}

function latestImaging(visits: readonly VisitInput[]) {
  let kellgrenLawrence: number | undefined;
  let lumbarLesions: string[] = [];
  let lumbarLevels: string[] = [];
  let emg: string | undefined;
  for (const visit of visits) {
    const imaging = visit.findings.imaging;
    if (!imaging) continue;
    if (imaging.kneeXrayKellgrenLawrence !== undefined) kellgrenLawrence = imaging.kneeXrayKellgrenLawrence;
    if (imaging.lumbarMri) {
      lumbarLesions = imaging.lumbarMri.map((lesion) => `${lesion.finding}.${lesion.level}`);
      lumbarLevels = imaging.lumbarMri.map((lesion) => lesion.level);
    }
    if (imaging.emg && imaging.emg !== 'not_done') emg = imaging.emg;
  }
  return { kellgrenLawrence, lumbarLesions, lumbarLevels, emg };
}
