import { rmSync } from 'node:fs';
import globalSetup from '../support/global-setup';
import { LEDGER } from './attack-cases';

export default async function securitySetup(): Promise<void> {
  rmSync(LEDGER, { force: true });
  await globalSetup();
}
