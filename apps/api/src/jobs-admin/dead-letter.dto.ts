import { ApiProperty } from '@nestjs/swagger';
import { QueueName } from '@app/jobs';

export class DeadLetterDto {
  @ApiProperty({ enum: QueueName }) queue: QueueName;
  @ApiProperty() jobId: string;
  @ApiProperty({ example: 'sms-send-prompt' }) name: string;
  @ApiProperty() attemptsMade: number;
  @ApiProperty({ description: "The last error's first line, quoted values blanked" }) failedReason: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: string | null;
  @ApiProperty({ format: 'date-time' }) queuedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { promptId: '0b6c…', dueAtMs: '1767225600000' }, description: 'Id fields of the payload only' })
  ids: Record<string, string>;
}

export class DeadLetterListDto {
  @ApiProperty({ type: [DeadLetterDto] }) items: DeadLetterDto[];
}

export class RetriedJobDto {
  @ApiProperty({ enum: QueueName }) queue: QueueName;
  @ApiProperty() jobId: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}
