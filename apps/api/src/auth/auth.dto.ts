import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { USER_ROLES, type UserRole } from '@app/persistence';

export class LoginDto {
  @ApiProperty({ example: 'clinician@demo.test' }) @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
  @ApiProperty({ example: 'demo-password-123' }) @IsString() @MinLength(1) @MaxLength(256) password: string;
}

export class LoginUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty() name: string;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Seconds until the token expires (it also expires after a period of inactivity)' }) expiresIn: number;
  @ApiProperty({ type: LoginUserDto }) user: LoginUserDto;
}
