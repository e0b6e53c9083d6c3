import { existsSync, readFileSync } from 'node:fs';
import globalTeardown from '../support/global-teardown';
import { LEDGER } from './attack-cases';

export default async function securityTeardown(): Promise<void> {
  await globalTeardown();
  if (!existsSync(LEDGER)) return;
  const lines = readFileSync(LEDGER, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { suite: string; tried: number; refused: number });
  const tried = lines.reduce((n, l) => n + l.tried, 0);
  const refused = lines.reduce((n, l) => n + l.refused, 0);
  console.log(`\nsecurity: ${tried} attack cases tried, ${refused} refused${tried === refused ? ' — all refused' : ` — ${tried - refused} NOT refused`}`);
  for (const l of lines) console.log(`  ${l.suite}: ${l.refused}/${l.tried}`);
}
