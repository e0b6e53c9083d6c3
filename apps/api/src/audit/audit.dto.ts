import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsTimestamp } from '../common/timestamp';

export class AuditFilterQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'patientId must be a UUID' }) patientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'actorUserId must be a UUID' }) actorUserId?: string;
  @ApiPropertyOptional({ example: 'patient.read', description: 'An exact action, or a prefix ending in * such as patient.*' })
  @IsOptional() @MaxLength(100) @Matches(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?$|^[a-z][a-z0-9_]*\*$/, { message: 'action must look like patient.read or patient.*' }) action?: string;
  @ApiPropertyOptional({ description: 'Earliest occurredAt (inclusive), ISO-8601 with an offset' }) @IsOptional() @IsTimestamp() from?: string;
  @ApiPropertyOptional({ description: 'Latest occurredAt (inclusive), ISO-8601 with an offset' }) @IsOptional() @IsTimestamp() to?: string;
}

export class AuditPageQuery extends AuditFilterQuery {
  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^[1-9][0-9]{0,17}$/, { message: 'cursor must be a nextCursor from a previous page' }) cursor?: string;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail: string | null;
  @ApiProperty({ description: 'The actor role, or system / patient_link' }) actorKind: string;
  @ApiProperty({ example: 'patient.read' }) action: string;
  @ApiProperty() resourceType: string;
  @ApiProperty({ nullable: true, type: String }) resourceId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) patientId: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ type: Object, description: 'Ids and counts only' }) details: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, description: 'Position in the hash chain; null until the sealer has chained the row' }) seq: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'HMAC-SHA256 chain hash (hex)' }) hash: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
