import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { type Actor, CurrentActor } from '../common/actor';
import { ApiErrorDto } from '../common/api-error.dto';
import { AnalyticsQueryDto, WaterfallQueryDto } from './analytics.dto';
import { AnalyticsService } from './analytics.service';

const SUPPRESSION = 'Any cell of fewer than 11 patients — or one that could be worked out from the cells shown — comes back as { "suppressed": true }.';

@ApiTags('analytics')
@ApiBearerAuth()
@Roles('analyst')
@ApiForbiddenResponse({ type: ApiErrorDto, description: 'Analysts only' })
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'A query parameter is not valid; the message names it' })
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('trajectory')
  @ApiOkResponse({ description: `Mean pain by day since the intervention (−14…90), with a t-based 95 % CI and the patients per day. ${SUPPRESSION}` })
  trajectory(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto) {
    return this.analytics.trajectory(actor, query);
  }

  @Get('responder-rates')
  @ApiOkResponse({ description: `Responder rate per intervention type with a Wilson 95 % CI. ${SUPPRESSION}` })
  responderRates(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto) {
    return this.analytics.responderRates(actor, query);
  }

  @Get('attributions')
  @ApiOkResponse({ description: `Patients by attribution class, by clinical-picture lean, their cross-table, and how often picture and response agree. ${SUPPRESSION}` })
  attributions(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto) {
    return this.analytics.attributions(actor, query);
  }

  @Get('waterfall')
  @ApiOkResponse({ description: `% change of pain per patient (pseudonym) after their first assessed intervention of the type. ${SUPPRESSION}` })
  waterfall(@CurrentActor() actor: Actor, @Query() query: WaterfallQueryDto) {
    return this.analytics.waterfall(actor, query);
  }

  @Get('sms-adherence')
  @ApiOkResponse({ description: `SMS answer rate per prompt step with a Wilson 95 % CI. ${SUPPRESSION}` })
  smsAdherence(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto) {
    return this.analytics.smsAdherence(actor, query);
  }
}
