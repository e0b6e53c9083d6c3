import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Development only: what the console SMS provider "sent", so a newcomer can open the link from the dev
 * outbox page. It holds working links, which is why the console provider is refused in production.
 */
@Entity('sms_console_message')
export class SmsConsoleMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'to_phone', type: 'text' }) toPhone: string;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'provider_message_id', type: 'text' }) providerMessageId: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
