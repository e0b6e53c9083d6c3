import { attributeSource, type Attribution, type AttributionSettings } from './attribution';
import { clinicalPictureOf } from './clinical-picture';
import { fitPainModel } from './pain-model';
import type { PatientEvidenceInput } from './patient-evidence';
import { assessResponse, type ResponseAssessment } from './response-assessment';

/** Bump on any change that can alter an output, so stored attributions can be told stale. */
export const ALGORITHM_VERSION = 'relieftrace-response-2025.11';

export interface PatientEvaluation {
  assessments: ResponseAssessment[];
  attribution: Attribution;
}

/**
 * The response engine's one entry point: textbook assessment of each intervention (domain.md
 * "Response") plus the model-based attribution of the pain source (docs/inference.md).
 * Pure and order-independent: the same evidence in any order gives the same answer.
 * `settings` exists for the model-validation harness; production uses the fitted defaults.
 */
export function evaluatePatient(input: PatientEvidenceInput, settings?: AttributionSettings): PatientEvaluation {
  const scores = [...input.scores].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.score - b.score);
  const interventions = [...input.interventions].sort((a, b) => a.performedAt.getTime() - b.performedAt.getTime() || a.id.localeCompare(b.id));
  const visits = [...input.visits].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id));
  const assessments = interventions.map((intervention) => assessResponse(intervention, { scores, visits, interventions }));
  const clinicalPicture = clinicalPictureOf(visits);
  const attribution = attributeSource({
    indexKnee: input.indexKnee,
    interventions,
    assessments,
    fit: fitPainModel(scores, interventions),
    clinicalPicture,
    algorithmVersion: ALGORITHM_VERSION,
    settings,
  });
  return { assessments, attribution };
}
