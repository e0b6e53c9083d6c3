import { type ArgumentsHost, Catch, Controller, type ExceptionFilter, Get, HttpException, Inject, Logger, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerException } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { RateLimited } from '../security/rate-limits';
import { renderSurveyPage, STATUS_OF, SURVEY_HEADERS, type SurveyView } from './survey-page';
import { SurveyService } from './survey.service';

export function sendSurveyPage(res: FastifyReply, view: SurveyView, clinicName: string, status = STATUS_OF[view.state]): void {
  res.code(status).headers(SURVEY_HEADERS).send(renderSurveyPage(view, clinicName));
}

/** Patients see a friendly page for every failure on these routes — never the JSON error of the API. */
@Catch()
export class SurveyErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('SurveyPage');
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<FastifyReply>();
    if (res.sent || res.raw.headersSent) return;
    if (exception instanceof ThrottlerException) return sendSurveyPage(res, { state: 'rate_limited' }, this.config.CLINIC_NAME);
    if (exception instanceof HttpException && exception.getStatus() < 500) return sendSurveyPage(res, { state: 'unknown' }, this.config.CLINIC_NAME);
    this.logger.error({ err: { type: (exception as Error)?.name } }, 'survey page failed');
    sendSurveyPage(res, { state: 'error' }, this.config.CLINIC_NAME);
  }
}

/** GET/POST /s/:token — the page a patient reaches from the SMS. Rate-limited per IP address. */
@ApiExcludeController()
@Public()
@RateLimited('survey-link')
@UseFilters(SurveyErrorFilter)
@Controller('s')
export class SurveyController {
  constructor(private readonly survey: SurveyService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get(':token')
  async show(@Param('token') token: string, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    sendSurveyPage(res, await this.survey.view(token, req.id), this.config.CLINIC_NAME);
  }

  @Post(':token')
  async answer(@Param('token') token: string, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const view = await this.survey.answer(token, body.score, req.id);
    sendSurveyPage(res, view, this.config.CLINIC_NAME, view.state === 'form' && view.error ? 400 : undefined);
  }
}
