import { clinicalPictureOf } from '../../libs/domain/src/clinical-picture';
import { timedWindowsOf, type TimedWindow } from '../../libs/domain/src/confounding';
import { aimOf } from '../../libs/domain/src/intervention-aim';
import { minimumScoresFor } from '../../libs/domain/src/response-assessment';
import type { PainSource } from '../../libs/domain/src/attribution';
import { INTERVENTION_CATALOGUE, TIME } from '../../libs/domain/src/intervention-catalogue';
import type { SyntheticPatient } from './synthetic-cohort';

/**
 * Whether a synthetic patient's diary actually contains the answer — decided from the generator's
 * ground truth and the raw data, never from the model's output (docs/inference.md §3.2).
 *
 * A target (knee, spine) is **properly tested** when at least one intervention aimed at it
 *   - reached the index generator (right knee or one of two painful knees; spine: the affected root) —
 *     and, for a target that carries no pain, was done where the recorded picture points (a nerve-root
 *     block at a level matching neither the pain location nor the lumbar MRI cannot rule the spine out), and
 *   - has a window with enough scores that lie in no other intervention's window
 *     (≥ 1 in the anaesthetic window, ≥ 2 in any other) — so it is not fully confounded.
 * A properly tested target is **informative** when, in addition, if it carries pain, the phase read in that
 * clean window really worked for this patient (not a biological non-responder: efficacy ≥ 0.3) and took
 * away at least 15 % of the patient's pain (domain.md's "partial" threshold). A target that carries no
 * pain is informative whenever it is properly tested: its silence is the information.
 *
 * The patient is **answerable** with a usable baseline (≥ 2 scores in the 14 days before the first
 * knee or spine procedure) and both targets informative. `testedProperly` drops the efficacy clause:
 * it includes patients whose true source did not respond — the diary of such a patient cannot tell
 * their source from "neither", whatever the method.
 */
export interface Answerability {
  answerable: boolean;
  testedProperly: boolean;
  /**
   * The sources domain.md allows to be named with the care this diary records — whatever the diary then shows: knee
   * (spine) needs knee (spine) care with enough scores in one of its windows, mixed needs both, neither needs both
   * done where the picture points (a block elsewhere cannot rule its target out). From the recorded care and scores
   * only, never from the model's output.
   */
  statable: ReadonlySet<PainSource>;
}

const BASELINE_MS = 14 * TIME.DAY;
const MIN_BASELINE_SCORES = 2;
const MIN_EFFICACY = 0.3;
const MIN_RELIEF_SHARE = 0.15;
const MIN_REACH = 0.5;

export function answerabilityOf(patient: SyntheticPatient): Answerability {
  const { input, care } = patient;
  const times = input.scores.map((score) => score.recordedAt.getTime());
  const windowsOf = new Map(input.interventions.map((intervention) => [intervention.id, timedWindowsOf(intervention)]));
  const targeted = input.interventions.filter((intervention) => care.find((c) => c.interventionId === intervention.id)?.acts !== 'everything');
  if (targeted.length === 0) return { answerable: false, testedProperly: false, statable: new Set() };
  const firstProcedure = Math.min(...targeted.map((intervention) => intervention.performedAt.getTime()));
  const baselineScores = times.filter((at) => at < firstProcedure && at >= firstProcedure - BASELINE_MS).length;
  const baselineUsable = baselineScores >= MIN_BASELINE_SCORES;

  const cleanWindows = (interventionId: string): TimedWindow[] => {
    const others = [...windowsOf].filter(([id]) => id !== interventionId).flatMap(([, windows]) => windows);
    return windowsOf.get(interventionId)!.filter((window) => {
      const clean = times.filter((at) => at >= window.fromAt && at <= window.toAt && !others.some((o) => at >= o.fromAt && at <= o.toAt));
      return clean.length >= minimumScoresFor(window.phase);
    });
  };
  const picture = clinicalPictureOf(input.visits);
  const aimedWhereThePicturePoints = (interventionId: string) => {
    const intervention = input.interventions.find((i) => i.id === interventionId)!;
    const { testsIndexKnee, aimedAtPicture } = aimOf(intervention, input.indexKnee, picture.suggestedRootLevel, picture.lumbarMriLevels);
    return testsIndexKnee && aimedAtPicture;
  };
  const judge = (target: 'knee' | 'spine') => {
    const share = target === 'knee' ? patient.kneeShare : patient.spineShare;
    let proper = false;
    let informative = false;
    const tests = care.filter((c) => c.acts === target && c.reach >= MIN_REACH && (share > 0 || aimedWhereThePicturePoints(c.interventionId)));
    for (const truth of tests) {
      for (const window of cleanWindows(truth.interventionId)) {
        proper = true;
        const efficacy = truth.efficacy[window.phase as keyof typeof truth.efficacy] ?? 0;
        if (share === 0 || (efficacy >= MIN_EFFICACY && share * truth.reach * efficacy >= MIN_RELIEF_SHARE)) informative = true;
      }
    }
    return { proper, informative };
  };
  const knee = judge('knee');
  const spine = judge('spine');
  const read = (target: 'knee' | 'spine', wherePicturePoints: boolean) =>
    input.interventions.some((intervention) => {
      if (INTERVENTION_CATALOGUE[intervention.type].target !== target) return false;
      const { testsIndexKnee, aimedAtPicture } = aimOf(intervention, input.indexKnee, picture.suggestedRootLevel, picture.lumbarMriLevels);
      if (!testsIndexKnee || (wherePicturePoints && !aimedAtPicture)) return false;
      return windowsOf
        .get(intervention.id)!
        .some((window) => times.filter((at) => at >= window.fromAt && at <= window.toAt).length >= minimumScoresFor(window.phase));
    });
  const statable = new Set<PainSource>();
  if (read('knee', false)) statable.add('knee');
  if (read('spine', false)) statable.add('spine');
  if (statable.size === 2) statable.add('mixed');
  if (read('knee', true) && read('spine', true)) statable.add('neither');
  return {
    answerable: baselineUsable && knee.informative && spine.informative,
    testedProperly: baselineUsable && knee.proper && spine.proper,
    statable,
  };
}
