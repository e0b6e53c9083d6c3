/** Shapes the API returns (see /api/docs); only the fields the screens use. */
export type Target = 'knee' | 'spine' | 'systemic';
export type Classification = 'knee' | 'spine' | 'mixed' | 'neither' | 'inconclusive';

export interface Patient {
  id: string; pseudonym: string; givenName: string; familyName: string; birthDate: string; mrn: string | null; phone: string | null;
  timezone: string; indexKnee: string; smsConsent: boolean; smsOptedOut: boolean;
  summary?: { lastScore: number | null; lastScoreAt: string | null; daysSinceLastIntervention: number | null; classification: Classification | null; probability: number | null; unansweredPrompts: number };
}
export interface PainScore { id: string; score: number; recordedAt: string; source: string }
export interface Intervention { id: string; type: string; target: Target; performedAt: string; endedAt: string | null; laterality: string | null; spinalLevels: string[]; agents: string[]; note: string | null }
export interface Visit { id: string; occurredAt: string; clinicPain: number | null; findings: Record<string, unknown>; note: string | null }
export interface InterventionType { type: string; label: string; target: Target; diagnostic: boolean; defaultAgents: string[]; takesSpinalLevels: boolean; kind: 'injection' | 'course' | 'surgery' | 'medication'; windows: Array<{ phase: string; label: string }> }
export interface WindowAssessment { phase: string; label: string; from: string; to: string; n: number; median: number | null; relief: number | null; reliefPct: number | null; category: string }
export interface Assessment {
  interventionId: string; type: string; target: Target; diagnostic: boolean; performedAt: string; status: string;
  baseline: { value: number; noise: number; n: number; source: string } | null; windows: WindowAssessment[]; category: string;
  peakReliefPct: number | null; timeToPeakHours: number | null; durationDays: number | null; confounded: boolean; confoundedBy: Array<{ interventionId: string; type: string }>;
}
export interface TargetSummary { status: string; reliefPct: number | null; se: number | null }
export interface Attribution {
  status: 'computed' | 'pending'; fresh: boolean; computedAt: string | null; inputsUpTo?: string | null;
  classification?: Classification; probability?: number; knee?: TargetSummary; spine?: TargetSummary;
  evidence?: Array<{ interventionId: string; type: string; target: Target; reliefPct: number | null; se: number | null; weight: number; confounded: boolean; note: string }>;
  clinicalPicture?: { kneeFindings: string[] | number; radicularFindings: string[] | number; lean: string; suggestedRootLevel: string | null; agreesWithResponse: boolean | null; [k: string]: unknown };
  suggestion?: string | null; algorithmVersion?: string;
}
