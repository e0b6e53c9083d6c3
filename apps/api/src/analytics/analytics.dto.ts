import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INTERVENTION_TYPES, TARGETS, type InterventionType, type SourceClassification, type Target } from '@app/domain';
import { IsIn, IsOptional, Matches } from 'class-validator';

export const CLASSIFICATIONS = ['knee', 'spine', 'mixed', 'neither', 'inconclusive'] as const;
/** Months, not days: a filter moved by one day could single out one patient by difference. */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The cohort filters every analyst view and export takes; each in the URL, so a view can be shared. */
class CohortFilterDto {
  @ApiPropertyOptional({ enum: TARGETS })
  @IsOptional() @IsIn(TARGETS, { message: `target must be one of: ${TARGETS.join(', ')}` })
  target?: Target;

  @ApiPropertyOptional({ enum: CLASSIFICATIONS, description: 'Attribution class of the patient' })
  @IsOptional() @IsIn(CLASSIFICATIONS, { message: `attribution must be one of: ${CLASSIFICATIONS.join(', ')}` })
  attribution?: SourceClassification;

  @ApiPropertyOptional({ example: '2026-01', description: 'First enrolment month (YYYY-MM), inclusive' })
  @IsOptional() @Matches(MONTH, { message: 'from must be a month as YYYY-MM, e.g. 2026-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-06', description: 'Last enrolment month (YYYY-MM), inclusive' })
  @IsOptional() @Matches(MONTH, { message: 'to must be a month as YYYY-MM, e.g. 2026-06' })
  to?: string;
}

const TYPE_MESSAGE = `interventionType must be one of: ${INTERVENTION_TYPES.join(', ')}`;

export class AnalyticsQueryDto extends CohortFilterDto {
  @ApiPropertyOptional({ enum: INTERVENTION_TYPES })
  @IsOptional() @IsIn(INTERVENTION_TYPES, { message: TYPE_MESSAGE })
  interventionType?: InterventionType;
}

// Not a subclass of AnalyticsQueryDto: class-validator would keep the parent's @IsOptional on interventionType.
export class WaterfallQueryDto extends CohortFilterDto {
  @ApiProperty({ enum: INTERVENTION_TYPES })
  @IsIn(INTERVENTION_TYPES, { message: TYPE_MESSAGE })
  interventionType: InterventionType;
}
