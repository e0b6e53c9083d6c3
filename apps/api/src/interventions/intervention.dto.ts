import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { INTERVENTION_TYPES, KNOWN_AGENTS, LATERALITIES, SPINAL_LEVELS, TARGETS, type InterventionType, type Laterality, type Target } from '@app/domain';
import type { InterventionEntity } from '@app/persistence';
import { IsTimestamp } from '../common/timestamp';

const AGENTS = Object.keys(KNOWN_AGENTS);

class InterventionFieldsDto {
  @ApiPropertyOptional({ description: 'Course end (PT, oral medication)' }) @IsOptional() @IsTimestamp() endedAt?: string | null;
  @ApiPropertyOptional({ enum: LATERALITIES }) @IsOptional() @IsIn(LATERALITIES, { message: `laterality must be one of: ${LATERALITIES.join(', ')}` }) laterality?: Laterality | null;
  @ApiPropertyOptional({ type: [String], enum: SPINAL_LEVELS, example: ['L3-L4'], description: 'Spine procedures only' })
  @IsOptional() @IsArray() @ArrayMaxSize(5) @IsIn(SPINAL_LEVELS, { each: true, message: `spinalLevels must hold levels from: ${SPINAL_LEVELS.join(', ')}` })
  spinalLevels?: string[];
  @ApiPropertyOptional({ type: [String], enum: AGENTS, example: ['lidocaine', 'triamcinolone'], description: 'Injections only; defaults to the type\'s usual agents' })
  @IsOptional() @IsArray() @ArrayMaxSize(5) @IsIn(AGENTS, { each: true, message: `agents must hold agents from: ${AGENTS.join(', ')}` })
  agents?: string[];
  @ApiPropertyOptional({ maxLength: 10_000 }) @IsOptional() @IsString() @MaxLength(10_000) note?: string | null;
}

export class CreateInterventionDto extends InterventionFieldsDto {
  @ApiProperty({ enum: INTERVENTION_TYPES }) @IsIn(INTERVENTION_TYPES, { message: `type must be one of: ${INTERVENTION_TYPES.join(', ')}` }) type: InterventionType;
  @ApiProperty({ example: '2026-11-20T10:15:00-05:00', description: 'When it was (or will be) performed; course start for PT' }) @IsTimestamp() performedAt: string;
}

export class UpdateInterventionDto extends InterventionFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsTimestamp() performedAt?: string;
}

export class InterventionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ enum: INTERVENTION_TYPES }) type: InterventionType;
  @ApiProperty({ enum: TARGETS }) target: Target;
  @ApiProperty() performedAt: string;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ nullable: true, enum: LATERALITIES }) laterality: Laterality | null;
  @ApiProperty({ type: [String] }) spinalLevels: string[];
  @ApiProperty({ type: [String] }) agents: string[];
  @ApiProperty({ nullable: true, type: String }) note: string | null;

  static of(i: InterventionEntity): InterventionDto {
    return {
      id: i.id, patientId: i.patientId, type: i.type, target: i.target, performedAt: i.performedAt.toISOString(),
      endedAt: i.endedAt?.toISOString() ?? null, laterality: i.laterality, spinalLevels: i.spinalLevels, agents: i.agents, note: i.note,
    };
  }
}
