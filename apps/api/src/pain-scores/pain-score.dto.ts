import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
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

export class ImportPainScoresDto {
  @ApiProperty({ description: 'CSV text with a header naming recordedAt and score', example: 'recordedAt,score\n2026-10-01T08:00:00Z,7\n' })
  @IsString() @MaxLength(900_000, { message: 'csv is too large (at most about 900 KB per import)' }) csv: string;
  @ApiProperty({ description: 'true: only check and preview; nothing is stored' }) @IsBoolean({ message: 'dryRun must be true or false' }) dryRun: boolean;
}

export class ImportResultDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'Data lines in the file' }) total: number;
  @ApiProperty({ description: 'Lines that passed every check' }) valid: number;
  @ApiProperty({ description: 'Valid lines already stored (same moment and score); never stored twice' }) duplicates: number;
  @ApiProperty({ description: 'Scores stored by this request (0 on a dry run or when any line has a problem)' }) inserted: number;
  @ApiProperty({ description: 'Every problem, by line (the header is line 1)', example: [{ row: 3, field: 'score', message: '"11" is not a whole number from 0 to 10' }] })
  errors: Array<{ row: number; field: string; message: string }>;
  @ApiProperty({ description: 'The first valid lines, as they would be stored' }) preview: Array<{ row: number; score: number; recordedAt: string }>;
}
