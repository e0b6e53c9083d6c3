import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../common/actor';
import { ApiErrorDto } from '../common/api-error.dto';
import { uuidParam } from '../common/validation';
import { Roles } from '../auth/roles.decorator';
import { CreateInterventionDto, InterventionDto, UpdateInterventionDto } from './intervention.dto';
import { InterventionService } from './intervention.service';

@ApiTags('interventions')
@ApiBearerAuth()
@Roles('clinician')
@ApiNotFoundResponse({ type: ApiErrorDto })
@Controller('api/v1/patients/:patientId/interventions')
export class InterventionController {
  constructor(private readonly interventions: InterventionService) {}

  @Post()
  @ApiCreatedResponse({ type: InterventionDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  create(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string, @Body() dto: CreateInterventionDto): Promise<InterventionDto> {
    return this.interventions.create(actor, patientId, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string) {
    return this.interventions.list(actor, patientId);
  }

  @Get(':interventionId')
  @ApiOkResponse({ type: InterventionDto })
  get(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string, @Param('interventionId', uuidParam('interventionId')) id: string) {
    return this.interventions.get(actor, patientId, id);
  }

  @Patch(':interventionId')
  update(
    @CurrentActor() actor: Actor,
    @Param('patientId', uuidParam('patientId')) patientId: string,
    @Param('interventionId', uuidParam('interventionId')) id: string,
    @Body() dto: UpdateInterventionDto,
  ): Promise<InterventionDto> {
    return this.interventions.update(actor, patientId, id, dto);
  }

  @Delete(':interventionId')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string, @Param('interventionId', uuidParam('interventionId')) id: string) {
    return this.interventions.remove(actor, patientId, id);
  }
}
