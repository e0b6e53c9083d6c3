export const PAIN_SCORE_SOURCES = ['sms_link', 'sms_reply', 'clinic', 'api', 'import'] as const;
export type PainScoreSource = (typeof PAIN_SCORE_SOURCES)[number];

export const PAIN_SCORE_MIN = 0;
export const PAIN_SCORE_MAX = 10;

/** A 0–10 NRS score of "knee pain right now" at the moment it describes. */
export interface PainScoreReading {
  score: number;
  recordedAt: Date;
  source?: PainScoreSource;
}
