import type { SourceClassification } from '../../libs/domain/src/attribution';
import type { ResponseAssessment } from '../../libs/domain/src/response-assessment';
import { isFavourable } from '../../libs/domain/src/response-category';

/**
 * The plain rules of domain.md, as a clinician would apply them by hand: a target "responded" when any
 * of its interventions reached responder / positive on its median reading; no pooling, no trend, no
 * uncertainty. The yardstick the model has to beat.
 */
export function textbookClassification(assessments: readonly ResponseAssessment[]): SourceClassification {
  const verdict = (target: 'knee' | 'spine') => {
    const read = assessments.filter((assessment) => assessment.target === target && assessment.category !== 'insufficient_data');
    if (read.length === 0) return 'untested';
    return read.some((assessment) => isFavourable(assessment.category)) ? 'responded' : 'failed';
  };
  const knee = verdict('knee');
  const spine = verdict('spine');
  if (knee === 'responded' && spine === 'responded') return 'mixed';
  if (knee === 'responded') return 'knee';
  if (spine === 'responded') return 'spine';
  if (knee === 'failed' && spine === 'failed') return 'neither';
  return 'inconclusive';
}
