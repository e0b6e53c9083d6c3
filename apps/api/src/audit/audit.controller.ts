import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Actor, CurrentActor } from '../common/actor';
import { ApiErrorDto } from '../common/api-error.dto';
import { Roles } from '../auth/roles.decorator';
import { AuditFilterQuery, AuditPageDto, AuditPageQuery } from './audit.dto';
import { AUDIT_CSV_COLUMNS, AuditTrailService, csvLine } from './audit-trail.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@ApiForbiddenResponse({ type: ApiErrorDto })
@Controller('api/v1/audit')
export class AuditController {
  private readonly logger = new Logger(AuditController.name);
  constructor(private readonly trail: AuditTrailService) {}

  @Get()
  @ApiOkResponse({ type: AuditPageDto, description: 'Newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: AuditPageQuery): Promise<AuditPageDto> {
    return this.trail.page(actor, query);
  }

  /** Streams every matching row, oldest first, as CSV; memory holds one page whatever the size. */
  @Get('export.csv')
  @ApiProduces('text/csv')
  async exportCsv(@CurrentActor() actor: Actor, @Query() query: AuditFilterQuery, @Res() res: FastifyReply): Promise<void> {
    const rows = this.trail.exportRows(actor, query);
    const first = await rows.next(); // validation errors and the export's own audit row come before any byte is sent
    // Streamed straight to the Node response, which Fastify leaves alone from here on.
    res.hijack();
    res.raw.statusCode = 200;
    res.raw.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.raw.setHeader('Content-Disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}Z.csv"`);
    res.raw.setHeader('Cache-Control', 'no-store');
    async function* lines(): AsyncGenerator<string> {
      yield csvLine([...AUDIT_CSV_COLUMNS]);
      if (!first.done) yield csvLine(first.value);
      for await (const row of rows) yield csvLine(row);
    }
    try {
      await pipeline(Readable.from(lines()), res.raw);
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'audit export stopped');
      res.raw.destroy();
    }
  }
}
