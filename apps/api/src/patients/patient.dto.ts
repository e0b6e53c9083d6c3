import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { INDEX_KNEES, type IndexKnee, type PatientEntity } from '@app/persistence';

@ValidatorConstraint({ name: 'ianaTimeZone' })
class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value.includes('/') || value === 'UTC';
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'timezone must be an IANA time zone such as Europe/Berlin or America/New_York';
  }
}

@ValidatorConstraint({ name: 'pastBirthDate' })
class PlausibleBirthDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= '1900-01-01' && date.getTime() <= Date.now();
  }
  defaultMessage(): string {
    return 'birthDate must be a past calendar date (YYYY-MM-DD) after 1900';
  }
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePatientDto {
  @ApiProperty({ example: 'Maria' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) givenName: string;
  @ApiProperty({ example: 'Hernández' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) familyName: string;
  @ApiProperty({ example: '1961-04-17', format: 'date' }) @Validate(PlausibleBirthDate) birthDate: string;
  @ApiPropertyOptional({ example: 'MRN-004211' }) @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(64) mrn?: string;
  @ApiPropertyOptional({ example: '+14155550123', description: 'Mobile number in E.164 form' })
  @IsOptional() @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be in E.164 form, e.g. +14155550123' }) phone?: string;
  @ApiProperty({ example: 'America/New_York' }) @Validate(IanaTimeZone) timezone: string;
  @ApiProperty({ enum: INDEX_KNEES }) @IsIn(INDEX_KNEES, { message: `indexKnee must be one of: ${INDEX_KNEES.join(', ')}` }) indexKnee: IndexKnee;
  @ApiProperty({ description: 'The patient agreed to receive SMS pain-diary prompts' }) @IsBoolean({ message: 'smsConsent must be true or false' }) smsConsent: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'Needed only when the clinician belongs to several care teams' })
  @IsOptional() @IsUUID('all', { message: 'careTeamId must be a UUID' }) careTeamId?: string;
}

export class ListPatientsQuery {
  @ApiPropertyOptional({ description: 'Part of a name (case- and accent-insensitive), a whole MRN (any case) or part of a pseudonym' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(100) search?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Transform(({ value }) => Number(value)) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page (opaque)' }) @IsOptional() @IsString() @MaxLength(2000) cursor?: string;
}

export class PatientDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'P-7KX3Q9' }) pseudonym: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ format: 'date' }) birthDate: string;
  @ApiProperty({ nullable: true, type: String }) mrn: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty() timezone: string;
  @ApiProperty({ enum: INDEX_KNEES }) indexKnee: IndexKnee;
  @ApiProperty() smsConsent: boolean;
  @ApiProperty() smsOptedOut: boolean;
  @ApiProperty({ format: 'uuid' }) careTeamId: string;
  @ApiProperty() createdAt: string;

  static of(p: PatientEntity): PatientDto {
    return {
      id: p.id, pseudonym: p.pseudonym, givenName: p.givenName, familyName: p.familyName, birthDate: p.birthDate, mrn: p.mrn,
      phone: p.phone, timezone: p.timezone, indexKnee: p.indexKnee, smsConsent: p.smsConsent, smsOptedOut: p.smsOptedOutAt !== null,
      careTeamId: p.careTeamId, createdAt: p.createdAt.toISOString(),
    };
  }
}

export class PatientSummaryDto {
  @ApiProperty({ nullable: true, type: Number }) lastScore: number | null;
  @ApiProperty({ nullable: true, type: String }) lastScoreAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Whole days since the most recent intervention performed' }) daysSinceLastIntervention: number | null;
  @ApiProperty({ nullable: true, type: String, enum: ['knee', 'spine', 'mixed', 'neither', 'inconclusive'] }) classification: string | null;
  @ApiProperty({ nullable: true, type: Number }) probability: number | null;
  @ApiProperty({ description: 'SMS diary questions sent in the last 14 days that got no answer' }) unansweredPrompts: number;
}

export class PatientListItemDto extends PatientDto {
  @ApiProperty({ type: PatientSummaryDto }) summary: PatientSummaryDto;
}

export class PatientPageDto {
  @ApiProperty({ type: [PatientListItemDto] }) items: PatientListItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

