import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../common/actor';
import { ApiErrorDto } from '../common/api-error.dto';
import { uuidParam } from '../common/validation';
import { Roles } from '../auth/roles.decorator';
import { AttributionService } from './attribution.service';

@ApiTags('attribution')
@ApiBearerAuth()
@Roles('clinician')
@ApiNotFoundResponse({ type: ApiErrorDto })
@Controller('api/v1/patients/:patientId')
export class AttributionController {
  constructor(private readonly attributions: AttributionService) {}

  @Get('attribution')
  @ApiOkResponse({
    description:
      'Which target relief tracks: classification knee|spine|mixed|neither|inconclusive, its probability, per-target pooled relief with SE, ' +
      'evidence, clinical picture, suggestion, algorithmVersion, computedAt, inputsUpTo and fresh (false while a recompute for newer input is queued). ' +
      'status is "pending" until the first computation.',
  })
  attribution(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string) {
    return this.attributions.attribution(actor, patientId);
  }

  @Get('responses')
  @ApiOkResponse({ description: 'The response assessments of all the patient\'s interventions, and whether they are fresh.' })
  responses(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string) {
    return this.attributions.responses(actor, patientId);
  }

  @Get('interventions/:interventionId/response')
  @ApiOkResponse({ description: 'The response assessment of one intervention: baseline, each window\'s relief and category, peak, duration, confounding.' })
  response(@CurrentActor() actor: Actor, @Param('patientId', uuidParam('patientId')) patientId: string, @Param('interventionId', uuidParam('interventionId')) interventionId: string) {
    return this.attributions.response(actor, patientId, interventionId);
  }
}
