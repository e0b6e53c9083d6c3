import { BadRequestException, Injectable } from '@nestjs/common';
import { type AuditDetails, type AuditFilter, type AuditRecord, AuditRepository } from '@app/persistence';
import type { Actor } from '../common/actor';
import { AuditService } from '../common/audit.service';
import { parseTimestamp } from '../common/timestamp';
import type { AuditEntryDto, AuditFilterQuery, AuditPageDto, AuditPageQuery } from './audit.dto';

export const AUDIT_CSV_COLUMNS = [
  'id', 'occurredAt', 'actorUserId', 'actorEmail', 'actorKind', 'action', 'resourceType', 'resourceId', 'patientId', 'requestId', 'details', 'seq', 'hash',
] as const;

/** The admin view of the audit trail. Reading it is audited too (audit.read / audit.export). */
@Injectable()
export class AuditTrailService {
  constructor(private readonly audit: AuditRepository, private readonly auditor: AuditService) {}

  async page(actor: Actor, query: AuditPageQuery): Promise<AuditPageDto> {
    const filter = toFilter(query);
    const limit = query.limit ?? 100;
    const rows = await this.audit.search(filter, limit + 1, query.cursor);
    const page = rows.slice(0, limit);
    await this.auditor.recordRead(actor, { action: 'audit.read', resourceType: 'audit_log', patientId: filter.patientId ?? null, details: { ...describe(query), count: page.length } });
    return { items: page.map(toDto), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  /** Records the export (before any row leaves), then yields CSV-ready rows page by page, oldest first. */
  async *exportRows(actor: Actor, query: AuditFilterQuery): AsyncGenerator<string[]> {
    const filter = toFilter(query);
    await this.auditor.recordRead(actor, { action: 'audit.export', resourceType: 'audit_log', patientId: filter.patientId ?? null, details: describe(query) });
    for await (const page of this.audit.exportAll(filter)) {
      for (const r of page) {
        const dto = toDto(r);
        yield AUDIT_CSV_COLUMNS.map((c) => csvCell(c === 'details' ? JSON.stringify(dto.details) : dto[c]));
      }
    }
  }
}

function toFilter(query: AuditFilterQuery): AuditFilter {
  const from = query.from ? parseTimestamp('from', query.from) : undefined;
  const to = query.to ? parseTimestamp('to', query.to) : undefined;
  if (from && to && from > to) throw new BadRequestException('from must not be after to');
  return { patientId: query.patientId, actorUserId: query.actorUserId, action: query.action, from, to };
}

/** The filters, for the audit row of the read itself (ids and times only). */
function describe(query: AuditFilterQuery): AuditDetails {
  const details: AuditDetails = {};
  for (const key of ['patientId', 'actorUserId', 'action', 'from', 'to'] as const) if (query[key]) details[key] = query[key];
  return details;
}

function toDto(r: AuditRecord): AuditEntryDto {
  return {
    id: r.id, occurredAt: r.occurredAt.toISOString(), actorUserId: r.actorUserId, actorEmail: r.actorEmail, actorKind: r.actorKind, action: r.action,
    resourceType: r.resourceType, resourceId: r.resourceId, patientId: r.patientId, requestId: r.requestId, details: r.details, seq: r.seq, hash: r.hash,
  };
}

/** A cell a spreadsheet will not run: text starting with = + - @ or a control character gets a leading apostrophe. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One RFC 4180 record: a cell holding a comma, quote or line break is quoted, its quotes doubled; CRLF ends it. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\r\n`;
}
