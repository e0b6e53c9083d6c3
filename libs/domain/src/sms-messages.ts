/**
 * Every text the diary sends. None carries health information — no score, no name, no diagnosis, no
 * procedure: a phone's lock screen shows them to anyone nearby.
 */
export function promptText(link: string): string {
  return `How is your knee pain right now? Tap: ${link} — reply STOP to opt out`;
}

export function reminderText(link: string): string {
  return `Reminder: how is your knee pain right now? Tap: ${link} — reply STOP to opt out`;
}

export const replyTexts = (clinicName: string) => ({
  recorded: `Thank you, your answer is saved. ${clinicName}`,
  noOpenPrompt: `Thank you. There is no open question right now; we will text you when the next one is due. Reply STOP to opt out.`,
  optedOut: `You will get no more messages from ${clinicName}. Reply START to receive them again.`,
  optedIn: `You will receive messages from ${clinicName} again. Reply STOP to opt out.`,
  help: `${clinicName} pain diary: reply with a number from 0 (no pain) to 10 (worst imaginable), or tap the link we sent. Reply STOP to opt out. For urgent concerns call your clinic.`,
  unknown: `Sorry, we did not understand. Reply with a number from 0 to 10, HELP for help, or STOP to opt out.`,
});
