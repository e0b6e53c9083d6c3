import { type ArgumentsHost, Catch, Controller, type ExceptionFilter, Get, HttpException, Inject, Logger, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerException } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Request, Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { RateLimited } from '../security/rate-limits';
import { renderSurveyPage, STATUS_OF, SURVEY_HEADERS, type SurveyView } from './survey-page';
import { SurveyService } from './survey.service';

type RequestWithId = Request & { id?: string | number };

export function sendSurveyPage(res: Response, view: SurveyView, clinicName: string): void {
  res.status(STATUS_OF[view.state]).set(SURVEY_HEADERS).send(renderSurveyPage(view, clinicName));
}

/** Patients see a friendly page for every failure on these routes — never the JSON error of the API. */
@Catch()
export class SurveyErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('SurveyPage');
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
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
  async show(@Param('token') token: string, @Req() req: RequestWithId, @Res() res: Response): Promise<void> {
    sendSurveyPage(res, await this.survey.view(token, requestIdOf(req)), this.config.CLINIC_NAME);
  }

  @Post(':token')
  async answer(@Param('token') token: string, @Req() req: RequestWithId, @Res() res: Response): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const view = await this.survey.answer(token, body.score, requestIdOf(req));
    const status = view.state === 'form' && view.error ? 400 : undefined;
    if (status) {
      res.status(status).set(SURVEY_HEADERS).send(renderSurveyPage(view, this.config.CLINIC_NAME));
      return;
    }
    sendSurveyPage(res, view, this.config.CLINIC_NAME);
  }
}

const requestIdOf = (req: RequestWithId) => (req.id === undefined ? null : String(req.id));
