import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ApiErrorDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'score must not be greater than 10' }) message: string;
  @ApiPropertyOptional({ description: 'Each field that failed validation', example: [{ field: 'score', problem: 'score must not be greater than 10' }] })
  errors?: Array<{ field: string; problem: string }>;
}
