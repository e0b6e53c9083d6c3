import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SmsConsoleMessageEntity } from '../entities/sms-console-message.entity';

/** The development outbox of the console SMS provider. */
@Injectable()
export class SmsConsoleMessageRepository {
  constructor(private readonly db: DataSource) {}

  async add(message: { toPhone: string; body: string; providerMessageId: string }): Promise<void> {
    await this.db.getRepository(SmsConsoleMessageEntity).insert(message);
  }

  listRecent(limit: number): Promise<SmsConsoleMessageEntity[]> {
    return this.db.getRepository(SmsConsoleMessageEntity).find({ order: { id: 'DESC' }, take: limit });
  }
}
