import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class DatabaseHealth {
  constructor(private readonly db: DataSource) {}

  /** True when Postgres answers within the timeout; never throws, never hangs the probe. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    return Promise.race([this.db.query('SELECT 1').then(() => true, () => false), timeout]);
  }
}
