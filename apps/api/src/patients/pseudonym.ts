import { randomInt } from 'node:crypto';

/** No 0/O or 1/I, so a pseudonym read aloud or copied by hand survives. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newPseudonym(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `P-${code}`;
}
