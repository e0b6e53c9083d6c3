import type { VisitFindings } from './findings';
import type { InterventionType, Laterality } from './intervention-catalogue';
import type { PainScoreReading } from './pain-score';

export interface InterventionInput {
  id: string;
  type: InterventionType;
  /** When it was done; for a course (PT), when it started. */
  performedAt: Date;
  /** End of a course; ignored for single procedures. */
  endedAt?: Date | null;
  laterality?: Laterality | null;
  spinalLevels?: string[];
  agents?: string[];
}

export interface VisitInput {
  id: string;
  occurredAt: Date;
  clinicPain?: number | null;
  findings: VisitFindings;
}

export type IndexKnee = 'left' | 'right' | 'bilateral';

/** Everything the engine reads about one patient; order of the arrays does not matter. */
export interface PatientEvidenceInput {
  indexKnee: IndexKnee;
  scores: PainScoreReading[];
  interventions: InterventionInput[];
  visits: VisitInput[];
}
