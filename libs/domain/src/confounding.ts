import type { InterventionType } from './intervention-catalogue';
import type { InterventionInput } from './patient-evidence';
import { responseWindows, type ResponseWindow } from './response-window';

/** A response window placed on the calendar of one intervention. */
export interface TimedWindow extends ResponseWindow {
  fromAt: number;
  toAt: number;
}

export interface ConfoundingIntervention {
  interventionId: string;
  type: InterventionType;
}

export function timedWindowsOf(intervention: InterventionInput): TimedWindow[] {
  const start = intervention.performedAt.getTime();
  return responseWindows(intervention).map((window) => ({ ...window, fromAt: start + window.fromMs, toAt: start + window.toMs }));
}

/**
 * Other interventions whose windows overlap this one's: relief seen then cannot be credited to
 * one of them alone (domain.md "Confounding"). Systemic medication counts too — it votes for
 * neither target but can produce the relief.
 */
export function confoundersOf(intervention: InterventionInput, all: readonly InterventionInput[]): ConfoundingIntervention[] {
  const own = timedWindowsOf(intervention);
  return all
    .filter((other) => other.id !== intervention.id)
    .filter((other) => timedWindowsOf(other).some((theirs) => own.some((mine) => overlaps(mine, theirs))))
    .sort((a, b) => a.performedAt.getTime() - b.performedAt.getTime() || a.id.localeCompare(b.id))
    .map((other) => ({ interventionId: other.id, type: other.type }));
}

function overlaps(a: TimedWindow, b: TimedWindow): boolean {
  return a.fromAt <= b.toAt && b.fromAt <= a.toAt;
}
