import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { interventionTypeSummaries } from '@app/domain';

@ApiTags('interventions')
@ApiBearerAuth()
@Controller('api/v1/intervention-types')
export class InterventionTypeController {
  /** The catalogue is reference data, not patient data: any signed-in user may read it. */
  @Get()
  list() {
    return { items: interventionTypeSummaries() };
  }
}
