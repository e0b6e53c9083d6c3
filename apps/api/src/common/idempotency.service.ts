import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { IdempotencyRepository, TransactionRunner, type Tx } from '@app/persistence';
import { createHash } from 'node:crypto';
import type { Actor } from './actor';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * Runs a create once per (user, Idempotency-Key): a retry of the same request gets the first answer back,
 * the same key with a different body is refused. The record commits in the same transaction as the work.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly records: IdempotencyRepository, private readonly tx: TransactionRunner) {}

  async once<T>(actor: Actor, key: string | undefined, request: unknown, work: (tx: Tx) => Promise<T>): Promise<T> {
    if (key === undefined) return this.tx.run(work);
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new BadRequestException('Idempotency-Key must be 1–200 printable ASCII characters');
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    return this.tx.run(async (tx) => {
      await this.records.lockKey(tx, actor.userId, key);
      const previous = await this.records.find(tx, actor.userId, key);
      if (previous) {
        if (previous.requestHash !== requestHash) throw new UnprocessableEntityException('Idempotency-Key was already used for a different request');
        return previous.responseBody as T;
      }
      const result = await work(tx);
      await this.records.save(tx, { userId: actor.userId, key, requestHash, responseStatus: 201, responseBody: result as object });
      return result;
    });
  }
}
