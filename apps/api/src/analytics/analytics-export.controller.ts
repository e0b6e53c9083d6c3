import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import { Roles } from '../auth/roles.decorator';
import { type Actor, CurrentActor } from '../common/actor';
import { ApiErrorDto } from '../common/api-error.dto';
import { AnalyticsQueryDto } from './analytics.dto';
import { AnalyticsExportService } from './analytics-export.service';

/** Header announcing how many rows (CSV) or entries (FHIR) follow, for the download's progress bar. */
export const EXPORT_EXPECTED_HEADER = 'x-export-expected';

@ApiTags('analytics')
@ApiBearerAuth()
@Roles('analyst')
@ApiForbiddenResponse({ type: ApiErrorDto, description: 'Analysts only' })
@ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'The selection covers fewer than 11 patients' })
@Controller('api/v1/exports')
export class AnalyticsExportController {
  private readonly logger = new Logger(AnalyticsExportController.name);

  constructor(private readonly exports: AnalyticsExportService) {}

  @Get('cohort.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per assessment, de-identified (columns in the README, "Analyst workspace"). Streamed.' })
  async cohortCsv(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto, @Res() res: FastifyReply): Promise<void> {
    const plan = await this.exports.plan(actor, query, 'csv');
    const out = this.start(res, 'text/csv; charset=utf-8', 'relieftrace-cohort.csv', plan.expected);
    await this.stream(out, () => this.exports.writeCsv(plan, out));
  }

  @Get('fhir')
  @ApiProduces('application/fhir+json')
  @ApiOkResponse({ description: 'FHIR R4 Bundle (collection): Patient (pseudonym only), Procedure per intervention, Observation (LOINC 72514-3) per pain score. Streamed.' })
  async fhir(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto, @Res() res: FastifyReply): Promise<void> {
    const plan = await this.exports.plan(actor, query, 'fhir');
    const out = this.start(res, 'application/fhir+json; charset=utf-8', 'relieftrace-cohort.fhir.json', plan.expected);
    await this.stream(out, () => this.exports.writeFhir(plan, out));
  }

  /** Takes the Node response over from Fastify (the checks and the export's audit row are done) and sets its headers. */
  private start(reply: FastifyReply, type: string, filename: string, expected: number): ServerResponse {
    reply.hijack();
    const res = reply.raw;
    res.statusCode = 200;
    res.setHeader('content-type', type);
    res.setHeader('content-disposition', `attachment; filename="${filename}"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader(EXPORT_EXPECTED_HEADER, String(expected));
    return res;
  }

  /** Once the first byte is out no error body can follow: cut the connection so the client sees a broken download, not a short file. */
  private async stream(res: ServerResponse, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.error({ err: { type: (error as Error).name } }, 'export stream failed');
      res.destroy();
    }
  }
}
