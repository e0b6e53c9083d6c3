import { INTERVENTION_CATALOGUE, type InterventionType, TIME } from './intervention-catalogue';
import { outsideQuietHours } from './sms-quiet-hours';

const { MINUTE, HOUR, DAY, WEEK } = TIME;

/**
 * Follow-up protocols of the SMS diary (domain.md "SMS pain diary"): when, relative to performedAt
 * (course start for PT), the patient is asked "how is your knee pain right now?".
 */
export type SmsProtocol =
  | { kind: 'fixed'; offsetsMs: readonly number[] }
  /** Courses: every `everyMs` from the start until the course ends (or `defaultLengthMs` when no end is known). */
  | { kind: 'weekly_course'; everyMs: number; defaultLengthMs: number };

const DIAGNOSTIC_INJECTION = [30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 6 * HOUR, DAY, 3 * DAY, 7 * DAY, 14 * DAY, 28 * DAY];
const ESI = [DAY, 3 * DAY, 7 * DAY, 14 * DAY, 21 * DAY, 28 * DAY, 42 * DAY];
/** The knee steroid window runs to day 42; the +2 h prompt catches the local anaesthetic mixed in. */
const KNEE_STEROID = [2 * HOUR, DAY, 3 * DAY, 7 * DAY, 14 * DAY, 21 * DAY, 28 * DAY, 42 * DAY];
/** Biologic window week 4 – week 26. */
const BIOLOGIC = [WEEK, 2 * WEEK, 4 * WEEK, 6 * WEEK, 8 * WEEK, 12 * WEEK, 16 * WEEK, 26 * WEEK];
/** Surgical window week 6 – week 12. */
const SURGICAL = [WEEK, 2 * WEEK, 4 * WEEK, 6 * WEEK, 8 * WEEK, 10 * WEEK, 12 * WEEK];
/** Systemic window day 3 – day 14. */
const SYSTEMIC = [DAY, 3 * DAY, 5 * DAY, 7 * DAY, 10 * DAY, 14 * DAY];
const PT_COURSE: SmsProtocol = { kind: 'weekly_course', everyMs: WEEK, defaultLengthMs: 6 * WEEK };

const fixed = (offsetsMs: number[]): SmsProtocol => ({ kind: 'fixed', offsetsMs });

export const SMS_PROTOCOLS: Readonly<Record<InterventionType, SmsProtocol>> = {
  knee_anesthetic_injection: fixed(DIAGNOSTIC_INJECTION),
  genicular_nerve_block: fixed(DIAGNOSTIC_INJECTION),
  selective_nerve_root_block: fixed(DIAGNOSTIC_INJECTION),
  knee_corticosteroid_injection: fixed(KNEE_STEROID),
  transforaminal_esi: fixed(ESI),
  interlaminar_esi: fixed(ESI),
  caudal_esi: fixed(ESI),
  knee_hyaluronic_acid: fixed(BIOLOGIC),
  knee_prp: fixed(BIOLOGIC),
  knee_arthroscopy: fixed(SURGICAL),
  lumbar_decompression: fixed(SURGICAL),
  pt_quadriceps_strengthening: PT_COURSE,
  pt_extension_mobilization: PT_COURSE,
  oral_nsaid: fixed(SYSTEMIC),
  oral_corticosteroid: fixed(SYSTEMIC),
  gabapentinoid: fixed(SYSTEMIC),
  other: fixed(SYSTEMIC),
};

/** Baseline prompts: one a day for up to this many days before an intervention entered ahead of time. */
export const BASELINE_DAYS = 7;
/** Prompts within 6 h of a diagnostic injection measure the anaesthetic phase and may not wait for the morning. */
export const TIME_CRITICAL_WITHIN_MS = 6 * HOUR;
/** A prompt whose time has passed by more than this when it is planned is dropped rather than sent late. */
export const PLANNING_GRACE_MS = 5 * MINUTE;

export type SmsPromptKind = 'baseline' | 'follow_up';

export interface PlannedPrompt {
  kind: SmsPromptKind;
  /** Offset from performedAt in minutes (negative for baseline prompts): the prompt's identity within its intervention. */
  offsetMinutes: number;
  dueAt: Date;
  /** Exempt from quiet hours (within 6 h of a diagnostic injection). */
  timeCritical: boolean;
}

export interface PromptPlanInput {
  type: InterventionType;
  performedAt: Date;
  endedAt?: Date | null;
  /** The patient's IANA time zone: quiet hours are the patient's night, not the server's. */
  timezone: string;
  /** Prompts due before now (less a small grace) are not planned: a late question would measure the wrong window. */
  now: Date;
}

export function isTimeCritical(type: InterventionType, offsetMs: number): boolean {
  const info = INTERVENTION_CATALOGUE[type];
  return info.diagnostic && info.kind === 'injection' && offsetMs > 0 && offsetMs <= TIME_CRITICAL_WITHIN_MS;
}

export function followUpOffsetsMs(type: InterventionType, performedAt: Date, endedAt?: Date | null): number[] {
  const protocol = SMS_PROTOCOLS[type];
  if (protocol.kind === 'fixed') return [...protocol.offsetsMs];
  const lengthMs = endedAt ? Math.max(0, endedAt.getTime() - performedAt.getTime()) : protocol.defaultLengthMs;
  const offsets: number[] = [];
  for (let at = protocol.everyMs; at <= lengthMs; at += protocol.everyMs) offsets.push(at);
  return offsets;
}

/**
 * The prompts an intervention should produce, in due order: the protocol's follow-ups, plus daily baseline
 * prompts before it when it lies in the future; every non-critical prompt moved out of quiet hours; prompts
 * already in the past dropped; prompts that quiet hours pushed onto the same moment (or past a later one) merged.
 */
export function planPrompts(input: PromptPlanInput): PlannedPrompt[] {
  const performed = input.performedAt.getTime();
  const earliest = input.now.getTime() - PLANNING_GRACE_MS;
  const raw: Array<Omit<PlannedPrompt, 'dueAt'> & { at: number }> = [];
  for (let day = BASELINE_DAYS; day >= 1; day--) {
    raw.push({ kind: 'baseline', offsetMinutes: (-day * DAY) / MINUTE, at: performed - day * DAY, timeCritical: false });
  }
  for (const offset of followUpOffsetsMs(input.type, input.performedAt, input.endedAt)) {
    raw.push({ kind: 'follow_up', offsetMinutes: offset / MINUTE, at: performed + offset, timeCritical: isTimeCritical(input.type, offset) });
  }
  const planned: PlannedPrompt[] = [];
  for (const p of raw) {
    const dueAt = p.timeCritical ? new Date(p.at) : outsideQuietHours(new Date(p.at), input.timezone);
    if (dueAt.getTime() < earliest) continue;
    // Baseline prompts are asked before the procedure, never after it.
    if (p.kind === 'baseline' && dueAt.getTime() >= performed) continue;
    const last = planned.at(-1);
    if (last && dueAt.getTime() <= last.dueAt.getTime()) continue;
    planned.push({ kind: p.kind, offsetMinutes: p.offsetMinutes, dueAt, timeCritical: p.timeCritical });
  }
  return planned;
}

/** Links stay valid until the next prompt is due, and never longer than 24 h. */
export const LINK_MAX_LIFETIME_MS = 24 * HOUR;
/** An answer may be changed for this long after it was first given. */
export const CORRECTION_WINDOW_MS = 15 * MINUTE;

export function linkExpiry(sentAt: Date, nextDueAt: Date | null): Date {
  const cap = sentAt.getTime() + LINK_MAX_LIFETIME_MS;
  return new Date(nextDueAt ? Math.min(cap, nextDueAt.getTime()) : cap);
}

/**
 * One reminder for an unanswered prompt, `afterMs` after sending, out of quiet hours — or none when it
 * would arrive too close to the link's expiry to be worth a message (e.g. the 30-minute diagnostic prompts).
 */
export function reminderDueAt(sentAt: Date, expiresAt: Date, afterMs: number, timezone: string): Date | null {
  const due = outsideQuietHours(new Date(sentAt.getTime() + afterMs), timezone);
  return due.getTime() + 30 * MINUTE <= expiresAt.getTime() ? due : null;
}

export function canCorrect(answeredAt: Date, now: Date): boolean {
  return now.getTime() - answeredAt.getTime() <= CORRECTION_WINDOW_MS;
}
