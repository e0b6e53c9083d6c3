import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { PAIN_SCORE_SOURCES, type PainScoreSource } from '@app/domain';
import type { PainScoreEntity } from '@app/persistence';
import { IsTimestamp } from '../common/timestamp';

/** sms_link and sms_reply are stamped only by the SMS diary itself. */
export const CLINICIAN_SOURCES = ['clinic', 'api', 'import'] as const;
export const MAX_BULK_SCORES = 5000;

export class CreatePainScoreDto {
  @ApiProperty({ minimum: 0, maximum: 10, example: 6, description: '0 = no pain, 10 = worst imaginable' })
  @IsInt({ message: ({ property }) => `${property} must be a whole number from 0 to 10` })
  @Min(0, { message: ({ property }) => `${property} must be at least 0` })
  @Max(10, { message: ({ property }) => `${property} must be at most 10` })
  score: number;
  @ApiProperty({ example: '2026-11-20T08:00:00-05:00', description: 'The moment the score describes' }) @IsTimestamp() recordedAt: string;
  @ApiPropertyOptional({ enum: CLINICIAN_SOURCES, default: 'api' })
  @IsOptional() @IsIn(CLINICIAN_SOURCES, { message: ({ property }) => `${property} must be one of: ${CLINICIAN_SOURCES.join(', ')} (SMS sources are set by the diary)` })
  source?: (typeof CLINICIAN_SOURCES)[number];
}

export class BulkPainScoresDto {
  @ApiProperty({ type: [CreatePainScoreDto], maxItems: MAX_BULK_SCORES })
  @IsArray() @ArrayMinSize(1, { message: 'items must hold at least one score' })
  @ArrayMaxSize(MAX_BULK_SCORES, { message: `items may hold at most ${MAX_BULK_SCORES} scores per request` })
  @ValidateNested({ each: true }) @Type(() => CreatePainScoreDto)
  items: CreatePainScoreDto[];
}

export class PainScoreRangeQuery {
  @ApiPropertyOptional({ description: 'Earliest recordedAt (inclusive)' }) @IsOptional() @IsTimestamp() from?: string;
  @ApiPropertyOptional({ description: 'Latest recordedAt (inclusive)' }) @IsOptional() @IsTimestamp() to?: string;
}

export class PainScoreDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty() score: number;
  @ApiProperty() recordedAt: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ enum: PAIN_SCORE_SOURCES }) source: PainScoreSource;

  static of(s: PainScoreEntity): PainScoreDto {
    return { id: s.id, patientId: s.patientId, score: s.score, recordedAt: s.recordedAt.toISOString(), receivedAt: s.receivedAt.toISOString(), source: s.source };
  }
}

export class BulkResultDto {
  @ApiProperty() inserted: number;
}
