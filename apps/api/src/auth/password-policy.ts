import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** ~49,000 passwords seen most often in breaches (shipped by @zxcvbn-ts/language-common), lower-cased. */
const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * NIST SP 800-63B: a length floor (ours is 12), a generous ceiling, no composition rules, and a check against
 * passwords known from breaches, repetitive or sequential strings, and words from the account itself.
 */
export function passwordProblems(password: string, context: { email?: string; name?: string } = {}): string[] {
  if (password.length < PASSWORD_MIN) return [`password must be at least ${PASSWORD_MIN} characters`];
  if (password.length > PASSWORD_MAX) return [`password must be at most ${PASSWORD_MAX} characters`];
  const lower = password.toLowerCase();
  const problems: string[] = [];
  if (COMMON.has(lower) || COMMON.has(lower.replace(/\d+$/, ''))) problems.push('password is on a list of passwords known from data breaches; choose another');
  if (/^(.)\1+$/.test(password) || /^(.{1,3})\1+$/.test(password)) problems.push('password must not be one short pattern repeated');
  if (isSequence(lower)) problems.push('password must not be a simple sequence such as 1234… or abcd…');
  const words = [context.email?.split('@')[0], ...(context.name ?? '').split(/\s+/), 'relieftrace'].filter((w): w is string => Boolean(w && w.length >= 4));
  for (const word of words) if (lower.includes(word.toLowerCase())) problems.push('password must not contain your name, e-mail or the product name');
  return [...new Set(problems)];
}

function isSequence(s: string): boolean {
  if (s.length < 4) return false;
  const step = s.charCodeAt(1) - s.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== step) return false;
  return true;
}
