/**
 * Which interventions exist, what they target and when their effect should show.
 * Windows are offsets from performedAt (course start for PT) in milliseconds; domain.md "Windows".
 */
export const TARGETS = ['knee', 'spine', 'systemic'] as const;
export type Target = (typeof TARGETS)[number];

export const INTERVENTION_TYPES = [
  'knee_anesthetic_injection',
  'knee_corticosteroid_injection',
  'knee_hyaluronic_acid',
  'knee_prp',
  'genicular_nerve_block',
  'knee_arthroscopy',
  'pt_quadriceps_strengthening',
  'transforaminal_esi',
  'interlaminar_esi',
  'caudal_esi',
  'selective_nerve_root_block',
  'pt_extension_mobilization',
  'lumbar_decompression',
  'oral_nsaid',
  'oral_corticosteroid',
  'gabapentinoid',
  'other',
] as const;
export type InterventionType = (typeof INTERVENTION_TYPES)[number];

export const AGENT_CLASSES = ['local_anaesthetic', 'corticosteroid'] as const;
export type AgentClass = (typeof AGENT_CLASSES)[number];

/** Agents a clinician may record, with the class that decides the response window. */
export const KNOWN_AGENTS: Readonly<Record<string, AgentClass>> = {
  lidocaine: 'local_anaesthetic',
  bupivacaine: 'local_anaesthetic',
  ropivacaine: 'local_anaesthetic',
  triamcinolone: 'corticosteroid',
  methylprednisolone: 'corticosteroid',
  dexamethasone: 'corticosteroid',
  betamethasone: 'corticosteroid',
};

export const PHASES = ['anaesthetic', 'steroid', 'biologic', 'course', 'surgical', 'systemic'] as const;
export type Phase = (typeof PHASES)[number];

export type InterventionKind = 'injection' | 'course' | 'surgery' | 'medication';

export interface InterventionTypeInfo {
  type: InterventionType;
  label: string;
  target: Target;
  kind: InterventionKind;
  /** A diagnostic block: its anaesthetic phase is read with the diagnostic categories. */
  diagnostic: boolean;
  defaultAgents: string[];
  /** Spine procedures record the level(s) treated. */
  takesSpinalLevels: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MINUTE = 60_000;

export const TIME = { MINUTE, HOUR, DAY, WEEK } as const;

export const INTERVENTION_CATALOGUE: Readonly<Record<InterventionType, InterventionTypeInfo>> = {
  knee_anesthetic_injection: { type: 'knee_anesthetic_injection', label: 'Knee local-anaesthetic (diagnostic) injection', target: 'knee', kind: 'injection', diagnostic: true, defaultAgents: ['lidocaine'], takesSpinalLevels: false },
  knee_corticosteroid_injection: { type: 'knee_corticosteroid_injection', label: 'Knee corticosteroid injection', target: 'knee', kind: 'injection', diagnostic: false, defaultAgents: ['lidocaine', 'triamcinolone'], takesSpinalLevels: false },
  knee_hyaluronic_acid: { type: 'knee_hyaluronic_acid', label: 'Knee hyaluronic acid injection', target: 'knee', kind: 'injection', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
  knee_prp: { type: 'knee_prp', label: 'Knee platelet-rich plasma (PRP) injection', target: 'knee', kind: 'injection', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
  genicular_nerve_block: { type: 'genicular_nerve_block', label: 'Genicular nerve block', target: 'knee', kind: 'injection', diagnostic: true, defaultAgents: ['bupivacaine'], takesSpinalLevels: false },
  knee_arthroscopy: { type: 'knee_arthroscopy', label: 'Knee arthroscopy', target: 'knee', kind: 'surgery', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
  pt_quadriceps_strengthening: { type: 'pt_quadriceps_strengthening', label: 'PT — quadriceps strengthening', target: 'knee', kind: 'course', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
  transforaminal_esi: { type: 'transforaminal_esi', label: 'Transforaminal epidural steroid injection', target: 'spine', kind: 'injection', diagnostic: false, defaultAgents: ['lidocaine', 'dexamethasone'], takesSpinalLevels: true },
  interlaminar_esi: { type: 'interlaminar_esi', label: 'Interlaminar epidural steroid injection', target: 'spine', kind: 'injection', diagnostic: false, defaultAgents: ['lidocaine', 'triamcinolone'], takesSpinalLevels: true },
  caudal_esi: { type: 'caudal_esi', label: 'Caudal epidural steroid injection', target: 'spine', kind: 'injection', diagnostic: false, defaultAgents: ['lidocaine', 'triamcinolone'], takesSpinalLevels: true },
  selective_nerve_root_block: { type: 'selective_nerve_root_block', label: 'Selective nerve root block (diagnostic)', target: 'spine', kind: 'injection', diagnostic: true, defaultAgents: ['bupivacaine'], takesSpinalLevels: true },
  pt_extension_mobilization: { type: 'pt_extension_mobilization', label: 'PT — extension / mobilisation', target: 'spine', kind: 'course', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
  lumbar_decompression: { type: 'lumbar_decompression', label: 'Lumbar decompression', target: 'spine', kind: 'surgery', diagnostic: false, defaultAgents: [], takesSpinalLevels: true },
  oral_nsaid: { type: 'oral_nsaid', label: 'Oral NSAID', target: 'systemic', kind: 'medication', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
  oral_corticosteroid: { type: 'oral_corticosteroid', label: 'Oral corticosteroid', target: 'systemic', kind: 'medication', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
  gabapentinoid: { type: 'gabapentinoid', label: 'Gabapentinoid', target: 'systemic', kind: 'medication', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
  other: { type: 'other', label: 'Other', target: 'systemic', kind: 'medication', diagnostic: false, defaultAgents: [], takesSpinalLevels: false },
};

export const SPINAL_LEVELS = ['L1-L2', 'L2-L3', 'L3-L4', 'L4-L5', 'L5-S1'] as const;
export type SpinalLevel = (typeof SPINAL_LEVELS)[number];

export const LATERALITIES = ['left', 'right', 'bilateral'] as const;
export type Laterality = (typeof LATERALITIES)[number];

export function isInterventionType(value: unknown): value is InterventionType {
  return typeof value === 'string' && (INTERVENTION_TYPES as readonly string[]).includes(value);
}

export function targetOf(type: InterventionType): Target {
  return INTERVENTION_CATALOGUE[type].target;
}
