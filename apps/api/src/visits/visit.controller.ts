import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../common/actor';
import { ApiErrorDto } from '../common/api-error.dto';
import { uuidParam } from '../common/validation';
import { Roles } from '../auth/roles.decorator';
import { CreateVisitDto, UpdateVisitDto, VisitDto } from './visit.dto';
import { VisitService } from './visit.service';

@ApiTags('visits')
@ApiBearerAuth()
@Roles('clinician')
@ApiNotFoundResponse({ type: ApiErrorDto })
@Controller('api/v1/patients/:patientId/visits')
export class VisitController {
  constructor(private readonly visits: VisitService) {}

  @Post()
  @ApiCreatedResponse({ type: VisitDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  create(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string, @Body() dto: CreateVisitDto): Promise<VisitDto> {
    return this.visits.create(actor, patientId, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string) {
    return this.visits.list(actor, patientId);
  }

  @Patch(':visitId')
  update(
    @CurrentActor() actor: Actor,
    @Param('patientId', uuidParam('patientId')) patientId: string,
    @Param('visitId', uuidParam('visitId')) visitId: string,
    @Body() dto: UpdateVisitDto,
  ): Promise<VisitDto> {
    return this.visits.update(actor, patientId, visitId, dto);
  }

  @Delete(':visitId')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string, @Param('visitId', uuidParam('visitId')) visitId: string) {
    return this.visits.remove(actor, patientId, visitId);
  }
}
