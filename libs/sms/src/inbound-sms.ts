import { type InboundSmsIntent, parseInboundSms, replyTexts } from '@app/domain';

/** What the diary did with an inbound SMS, and so what it answers. */
export type InboundOutcome = 'recorded' | 'no_open_prompt' | 'opted_out' | 'opted_in' | 'help' | 'unknown';

export { parseInboundSms, type InboundSmsIntent };

export function replyTextFor(outcome: InboundOutcome, clinicName: string): string {
  const texts = replyTexts(clinicName);
  switch (outcome) {
    case 'recorded': return texts.recorded;
    case 'no_open_prompt': return texts.noOpenPrompt;
    case 'opted_out': return texts.optedOut;
    case 'opted_in': return texts.optedIn;
    case 'help': return texts.help;
    case 'unknown': return texts.unknown;
  }
}
