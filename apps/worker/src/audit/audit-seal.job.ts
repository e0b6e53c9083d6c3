import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { AuditRepository } from '@app/persistence';

const BATCH = 500;
/** One tick seals at most this many batches, so a backlog never holds a worker slot for long. */
const MAX_BATCHES_PER_TICK = 40;

/**
 * The audit sealer's tick (a BullMQ job scheduler runs it every AUDIT_SEAL_INTERVAL_MS): chains committed
 * unsealed audit rows onto the hash chain. Safe with any number of workers: sealers take turns on an advisory lock.
 */
@Injectable()
export class AuditSealJob {
  private readonly logger = new Logger(AuditSealJob.name);

  constructor(private readonly audit: AuditRepository, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async handle(): Promise<{ sealed: number; headSeq: string }> {
    let sealed = 0;
    let head = { seq: '0', hash: '' };
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const result = await this.audit.sealPending(this.config.AUDIT_CHAIN_KEY, BATCH);
      sealed += result.sealed;
      head = result.head;
      if (result.sealed < BATCH) break;
    }
    // The head in the log is an anchor kept outside the database: `audit:verify --anchor seq:hash` checks it later.
    if (sealed > 0) this.logger.log({ sealed, headSeq: head.seq, headHash: head.hash }, 'audit rows sealed');
    return { sealed, headSeq: head.seq };
  }
}
