import { BadRequestException } from '@nestjs/common';
import type { AnalyticsFilter } from '@app/persistence';
import type { AuditDetails } from '@app/persistence';
import type { AnalyticsQueryDto } from './analytics.dto';

/** The query as the repository's filter; a period that ends before it starts is a 400 naming `to`. */
export function toFilter(query: AnalyticsQueryDto): AnalyticsFilter {
  if (query.from && query.to && query.to < query.from) throw new BadRequestException('to must not be before from');
  return {
    interventionType: query.interventionType,
    target: query.target,
    classification: query.attribution,
    fromMonth: query.from ? `${query.from}-01` : undefined,
    toMonth: query.to ? `${query.to}-01` : undefined,
  };
}

/** The filters echoed back (so a response says what it covers) and written to the audit row. */
export function filtersOf(query: AnalyticsQueryDto): AuditDetails {
  const out: AuditDetails = {};
  for (const key of ['interventionType', 'target', 'attribution', 'from', 'to'] as const) if (query[key]) out[key] = query[key]!;
  return out;
}
