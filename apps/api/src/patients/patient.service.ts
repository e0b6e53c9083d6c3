import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { FieldCipher, PatientRepository, TransactionRunner, type PatientPageCursor, type PatientSummaryRow } from '@app/persistence';
import type { Actor } from '../common/actor';
import { AuditService } from '../common/audit.service';
import { Clock } from '../common/clock';
import { PatientAccessService } from './patient-access.service';
import { type CreatePatientDto, PatientDto, type PatientPageDto, type PatientSummaryDto } from './patient.dto';
import { newPseudonym } from './pseudonym';

@Injectable()
export class PatientService {
  constructor(
    private readonly patients: PatientRepository,
    private readonly access: PatientAccessService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
  ) {}

  async create(actor: Actor, dto: CreatePatientDto): Promise<PatientDto> {
    const careTeamId = this.chooseCareTeam(actor, dto.careTeamId);
    return this.tx.run(async (tx) => {
      let pseudonym = newPseudonym();
      while (await this.patients.pseudonymTaken(tx, pseudonym)) pseudonym = newPseudonym();
      const patient = await this.patients.insert(tx, {
        pseudonym, givenName: dto.givenName, familyName: dto.familyName, birthDate: dto.birthDate, mrn: dto.mrn ?? null,
        phone: dto.phone ?? null, timezone: dto.timezone, indexKnee: dto.indexKnee, smsConsent: dto.smsConsent, careTeamId,
      });
      // Every patient gets an attribution from the start ("inconclusive: no data yet"), not a missing one.
      await this.audit.recordChange(tx, actor, patient.id, [{ action: 'patient.create', resourceType: 'patient', resourceId: patient.id }]);
      return PatientDto.of(patient);
    });
  }

  async get(actor: Actor, patientId: string): Promise<PatientDto> {
    const patient = await this.access.require(actor, patientId);
    await this.audit.recordRead(actor, { action: 'patient.read', resourceType: 'patient', resourceId: patientId, patientId });
    return PatientDto.of(patient);
  }

  async list(actor: Actor, query: { search?: string; limit?: number; cursor?: string }): Promise<PatientPageDto> {
    const limit = query.limit ?? 50;
    const rows = await this.patients.pageForUser(actor.userId, { search: query.search || undefined, limit: limit + 1, after: decodeCursor(this.cipher, query.cursor) });
    const page = rows.slice(0, limit);
    await this.audit.recordRead(
      actor,
      ...page.map((p) => ({ action: 'patient.list', resourceType: 'patient', resourceId: p.id, patientId: p.id, details: { searched: Boolean(query.search) } })),
    );
    const last = page.at(-1);
    const now = this.clock.now();
    const summaries = new Map((await this.patients.summaries(page.map((p) => p.id), now)).map((s) => [s.patientId, s]));
    return {
      items: page.map((p) => ({ ...PatientDto.of(p), summary: toSummary(summaries.get(p.id), now) })),
      nextCursor: rows.length > limit && last ? encodeCursor(this.cipher, { familyName: last.familyName, givenName: last.givenName, id: last.id }) : null,
    };
  }

  private chooseCareTeam(actor: Actor, requested?: string): string {
    if (requested) {
      if (!actor.careTeamIds.includes(requested)) throw new ForbiddenException('careTeamId is not one of your care teams');
      return requested;
    }
    if (actor.careTeamIds.length === 1) return actor.careTeamIds[0];
    if (actor.careTeamIds.length === 0) throw new ForbiddenException('You are not a member of any care team; ask an admin to add you to one.');
    throw new BadRequestException('careTeamId is required because you belong to several care teams');
  }
}

/**
 * The cursor carries the last row's names (the list is ordered by them), so it is encrypted like the names
 * themselves: URLs end up in browser histories and proxy logs, and must not hold identifiers in clear.
 */
const CURSOR_AAD = 'patient-list-cursor';

function encodeCursor(cipher: FieldCipher, cursor: PatientPageCursor): string {
  return Buffer.from(cipher.encrypt(CURSOR_AAD, JSON.stringify([cursor.familyName, cursor.givenName, cursor.id]))).toString('base64url');
}

function decodeCursor(cipher: FieldCipher, cursor?: string): PatientPageCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [familyName, givenName, id] = JSON.parse(cipher.decrypt(CURSOR_AAD, Buffer.from(cursor, 'base64url').toString('utf8'))) as unknown[];
    if (typeof familyName === 'string' && typeof givenName === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) {
      return { familyName, givenName, id };
    }
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequestException('cursor is not a cursor this API returned');
}

function toSummary(row: PatientSummaryRow | undefined, now: Date): PatientSummaryDto {
  return {
    lastScore: row?.lastScore ?? null,
    lastScoreAt: row?.lastScoreAt?.toISOString() ?? null,
    daysSinceLastIntervention: row?.lastInterventionAt ? Math.floor((now.getTime() - row.lastInterventionAt.getTime()) / 86_400_000) : null,
    classification: row?.classification ?? null,
    probability: row?.probability ?? null,
    unansweredPrompts: row?.unansweredPrompts ?? 0,
  };
}
