import { INTERVENTION_CATALOGUE, INTERVENTION_TYPES, type InterventionKind, type InterventionType, type Target } from './intervention-catalogue';
import { responseWindows, type ResponseWindow } from './response-window';

/** One row of `GET /intervention-types`: what a type targets and when its effect is read. */
export interface InterventionTypeSummary {
  type: InterventionType;
  label: string;
  target: Target;
  /** injection | course | surgery | medication: decides which fields (agents, course end) apply. */
  kind: InterventionKind;
  diagnostic: boolean;
  defaultAgents: string[];
  takesSpinalLevels: boolean;
  /** Windows with the default agents (and a six-week course for PT). */
  windows: ResponseWindow[];
}

export function interventionTypeSummaries(): InterventionTypeSummary[] {
  return INTERVENTION_TYPES.map((type) => {
    const info = INTERVENTION_CATALOGUE[type];
    return {
      type,
      label: info.label,
      target: info.target,
      kind: info.kind,
      diagnostic: info.diagnostic,
      defaultAgents: [...info.defaultAgents],
      takesSpinalLevels: info.takesSpinalLevels,
      windows: responseWindows({ type }),
    };
  });
}
