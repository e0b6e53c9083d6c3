import { INTERVENTION_CATALOGUE, KNOWN_AGENTS, TIME, type AgentClass, type InterventionType, type Phase } from './intervention-catalogue';

/** When, relative to performedAt (course start for PT), a phase of an intervention should show its effect. */
export interface ResponseWindow {
  phase: Phase;
  fromMs: number;
  toMs: number;
  /** Human wording of the window, e.g. "day 3 – day 28". */
  label: string;
}

/** The parts of an intervention that decide its windows. */
export interface WindowedIntervention {
  type: InterventionType;
  agents?: readonly string[] | null;
  performedAt?: Date;
  endedAt?: Date | null;
}

const { MINUTE, HOUR, DAY, WEEK } = TIME;

/** A PT course without a recorded end is assumed to run the usual six weeks. */
export const ASSUMED_COURSE_LENGTH_MS = 6 * WEEK;

const ANAESTHETIC: ResponseWindow = { phase: 'anaesthetic', fromMs: 15 * MINUTE, toMs: 6 * HOUR, label: '15 min – 6 h' };
const SPINE_STEROID: ResponseWindow = { phase: 'steroid', fromMs: 3 * DAY, toMs: 28 * DAY, label: 'day 3 – day 28' };
const KNEE_STEROID: ResponseWindow = { phase: 'steroid', fromMs: 3 * DAY, toMs: 42 * DAY, label: 'day 3 – day 42' };
const BIOLOGIC: ResponseWindow = { phase: 'biologic', fromMs: 4 * WEEK, toMs: 26 * WEEK, label: 'week 4 – week 26' };
const SURGICAL: ResponseWindow = { phase: 'surgical', fromMs: 6 * WEEK, toMs: 12 * WEEK, label: 'week 6 – week 12' };
const SYSTEMIC: ResponseWindow = { phase: 'systemic', fromMs: 3 * DAY, toMs: 14 * DAY, label: 'day 3 – day 14' };

/**
 * The agent classes present in an injection. An empty list means "not recorded", so the type's
 * default agents apply; names the catalogue does not know are ignored rather than guessed at.
 */
export function agentClassesOf(intervention: Pick<WindowedIntervention, 'type' | 'agents'>): Set<AgentClass> {
  const recorded = intervention.agents ?? [];
  const agents = recorded.length > 0 ? recorded : INTERVENTION_CATALOGUE[intervention.type].defaultAgents;
  const classes = new Set<AgentClass>();
  for (const agent of agents) {
    const agentClass = KNOWN_AGENTS[agent.trim().toLowerCase()];
    if (agentClass) classes.add(agentClass);
  }
  return classes;
}

/** The response windows of one intervention (domain.md "Windows"), in time order. */
export function responseWindows(intervention: WindowedIntervention): ResponseWindow[] {
  const info = INTERVENTION_CATALOGUE[intervention.type];
  switch (info.kind) {
    case 'injection': {
      const classes = agentClassesOf(intervention);
      const windows: ResponseWindow[] = [];
      if (classes.has('local_anaesthetic')) windows.push(ANAESTHETIC);
      // The agent decides the window: a steroid phase exists only when a corticosteroid was injected,
      // and it lasts longer in the knee joint than around a nerve root.
      if (classes.has('corticosteroid')) windows.push(info.target === 'knee' ? KNEE_STEROID : SPINE_STEROID);
      if (intervention.type === 'knee_hyaluronic_acid' || intervention.type === 'knee_prp') windows.push(BIOLOGIC);
      return windows;
    }
    case 'course':
      return [courseWindow(intervention)];
    case 'surgery':
      return [SURGICAL];
    case 'medication':
      return [SYSTEMIC];
  }
}

/** PT helps from week 3 of the course until two weeks after it ends. */
function courseWindow(intervention: WindowedIntervention): ResponseWindow {
  const recordedLength =
    intervention.performedAt && intervention.endedAt ? intervention.endedAt.getTime() - intervention.performedAt.getTime() : null;
  const lengthMs = recordedLength !== null && recordedLength >= 0 ? recordedLength : ASSUMED_COURSE_LENGTH_MS;
  return {
    phase: 'course',
    fromMs: 2 * WEEK,
    toMs: Math.max(2 * WEEK, lengthMs + 2 * WEEK),
    label: recordedLength !== null && recordedLength >= 0 ? 'week 3 of the course – 2 weeks after its end' : 'week 3 of the course – 2 weeks after its end (6-week course assumed)',
  };
}
