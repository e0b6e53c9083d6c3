import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { USER_ROLES, type UserRole } from '@app/persistence';

export class CreateUserDto {
  @ApiProperty({ example: 'dr.lee@clinic.example' }) @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
  @ApiProperty({ minLength: 12, description: 'At least 12 characters' })
  @IsString() @MinLength(12, { message: 'password must be at least 12 characters' }) @MaxLength(128, { message: 'password must be at most 128 characters' }) password: string;
  @ApiProperty({ enum: USER_ROLES }) @IsIn(USER_ROLES, { message: `role must be one of: ${USER_ROLES.join(', ')}` }) role: UserRole;
  @ApiProperty({ example: 'Dr. Ana Lee' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Care teams to join; a clinician without one gets a team of their own' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true, message: 'careTeamIds must hold UUIDs' }) careTeamIds?: string[];
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ type: [String] }) careTeamIds: string[];
}

export class CreateCareTeamDto {
  @ApiProperty({ example: 'Knee & Spine Clinic — Team A' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'userId must be a UUID' }) userId: string;
}
