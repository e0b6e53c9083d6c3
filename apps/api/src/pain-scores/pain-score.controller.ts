import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../common/actor';
import { ApiErrorDto } from '../common/api-error.dto';
import { IDEMPOTENCY_HEADER } from '../common/idempotency.service';
import { uuidParam } from '../common/validation';
import { Roles } from '../auth/roles.decorator';
import { BulkPainScoresDto, BulkResultDto, CreatePainScoreDto, ImportPainScoresDto, ImportResultDto, PainScoreDto, PainScoreRangeQuery } from './pain-score.dto';
import { PainScoreService } from './pain-score.service';

@ApiTags('pain-scores')
@ApiBearerAuth()
@Roles('clinician')
@ApiNotFoundResponse({ type: ApiErrorDto })
@ApiBadRequestResponse({ type: ApiErrorDto })
@Controller('api/v1/patients/:patientId/pain-scores')
export class PainScoreController {
  constructor(private readonly scores: PainScoreService) {}

  @Post()
  @ApiCreatedResponse({ type: PainScoreDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first result and stores nothing twice' })
  create(
    @CurrentActor() actor: Actor,
    @Param('patientId', uuidParam('patientId')) patientId: string,
    @Body() dto: CreatePainScoreDto,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey?: string,
  ): Promise<PainScoreDto> {
    return this.scores.create(actor, patientId, dto, idempotencyKey);
  }

  @Post('bulk')
  @ApiCreatedResponse({ type: BulkResultDto })
  createMany(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string, @Body() dto: BulkPainScoresDto): Promise<BulkResultDto> {
    return this.scores.createMany(actor, patientId, dto.items);
  }

  @Post('import')
  @HttpCode(200)
  @ApiOkResponse({ type: ImportResultDto })
  importCsv(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string, @Body() dto: ImportPainScoresDto): Promise<ImportResultDto> {
    return this.scores.importCsv(actor, patientId, dto.csv, dto.dryRun);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string, @Query() query: PainScoreRangeQuery) {
    return this.scores.list(actor, patientId, query);
  }
}
