import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const LEDGER = join(__dirname, '..', '..', 'test-artifacts', 'security-cases.jsonl');

/**
 * Counts attack cases: each is tried and must be refused (its assertions pass). The security project's
 * teardown adds up every file's ledger lines and prints the total.
 */
export class AttackLedger {
  private tried = 0;
  private refused = 0;
  constructor(private readonly suite: string) {}

  async attempt(_what: string, attack: () => Promise<void>): Promise<void> {
    this.tried++;
    await attack();
    this.refused++;
  }

  flush(): void {
    mkdirSync(join(LEDGER, '..'), { recursive: true });
    appendFileSync(LEDGER, `${JSON.stringify({ suite: this.suite, tried: this.tried, refused: this.refused })}\n`);
  }
}
