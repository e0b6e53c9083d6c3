import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { VisitFindings } from '@app/domain';
import type { VisitEntity } from '@app/persistence';
import { IsTimestamp } from '../common/timestamp';

const FINDINGS_DOC = {
  description: 'Structured findings (domain.md). Each finding is present | absent | not_assessed; omitted = not_assessed.',
  example: {
    location: { medial: 'present', anterior: 'absent', radiationFromBackOrButtock: 'present' },
    character: { burning: 'present', waxingWaningWithFlares: 'present' },
    aggravatedBy: { sitting: 'present', stairs: 'absent' },
    history: { lowBackPain: 'present', kneeTrauma: 'absent' },
    exam: { jointLineTenderness: 'absent', effusion: 'absent', straightLegRaise: 'present', femoralNerveStretch: 'present' },
    imaging: { kneeXrayKellgrenLawrence: 1, lumbarMri: [{ finding: 'foraminal_stenosis', level: 'L3-L4', side: 'left' }], emg: 'normal' },
  },
};

export class CreateVisitDto {
  @ApiProperty({ example: '2026-11-20T09:30:00-05:00' }) @IsTimestamp() occurredAt: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 10, description: 'Pain 0–10 measured in clinic' })
  @IsOptional() @IsInt({ message: 'clinicPain must be a whole number from 0 to 10' }) @Min(0) @Max(10) clinicPain?: number;
  @ApiProperty(FINDINGS_DOC) @IsObject({ message: 'findings must be an object' }) findings: VisitFindings;
  @ApiPropertyOptional({ maxLength: 10_000 }) @IsOptional() @IsString() @MaxLength(10_000) note?: string;
}

export class UpdateVisitDto {
  @ApiPropertyOptional() @IsOptional() @IsTimestamp() occurredAt?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt({ message: 'clinicPain must be a whole number from 0 to 10' }) @Min(0) @Max(10) clinicPain?: number | null;
  @ApiPropertyOptional(FINDINGS_DOC) @IsOptional() @IsObject({ message: 'findings must be an object' }) findings?: VisitFindings;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) note?: string | null;
}

export class VisitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'uuid' }) clinicianId: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: Number }) clinicPain: number | null;
  @ApiProperty(FINDINGS_DOC) findings: VisitFindings;
  @ApiProperty({ nullable: true, type: String }) note: string | null;

  static of(v: VisitEntity): VisitDto {
    return { id: v.id, patientId: v.patientId, clinicianId: v.clinicianId, occurredAt: v.occurredAt.toISOString(), clinicPain: v.clinicPain, findings: v.findings, note: v.note };
  }
}
