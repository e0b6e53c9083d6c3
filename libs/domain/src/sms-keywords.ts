/**
 * What an inbound SMS means. Keywords follow the US carrier / Twilio conventions; a bare number 0–10 is an
 * answer to the newest open prompt. Anything else gets a short help reply.
 */
export type InboundSmsIntent =
  | { kind: 'score'; score: number }
  | { kind: 'opt_out' }
  | { kind: 'opt_in' }
  | { kind: 'help' }
  | { kind: 'unknown' };

export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

export function parseInboundSms(body: string | undefined | null): InboundSmsIntent {
  // Phones add trailing punctuation, full-width digits or a leading "my pain is" rarely; keep to the plain forms.
  const text = (body ?? '').normalize('NFKC').trim();
  const number = /^(\d{1,2})\s*(?:\/\s*10)?[.!]?$/.exec(text);
  if (number) {
    const score = Number(number[1]);
    return score >= 0 && score <= 10 ? { kind: 'score', score } : { kind: 'unknown' };
  }
  const word = text.toUpperCase().replace(/[.!]+$/, '');
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return { kind: 'opt_out' };
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return { kind: 'opt_in' };
  if ((HELP_KEYWORDS as readonly string[]).includes(word)) return { kind: 'help' };
  return { kind: 'unknown' };
}
