import { Injectable, NotFoundException } from '@nestjs/common';
import { PatientRepository, type PatientEntity, type Tx } from '@app/persistence';
import type { Actor } from '../common/actor';

/**
 * The one gate to a patient's record: a patient outside the caller's care teams does not exist for them,
 * so the answer is the same 404 as for an unknown id (no probing which ids exist).
 */
@Injectable()
export class PatientAccessService {
  constructor(private readonly patients: PatientRepository) {}

  /** The check alone, for work that needs no identifiers: nothing to decrypt, one indexed lookup. */
  async check(actor: Actor, patientId: string, tx?: Tx): Promise<void> {
    if (!(await this.patients.isInCareTeams(patientId, actor.careTeamIds, tx))) throw new NotFoundException(`patient ${patientId} not found`);
  }

  async require(actor: Actor, patientId: string, tx?: Tx): Promise<PatientEntity> {
    const patient = await this.patients.findForUser(actor.userId, patientId, tx);
    if (!patient) throw new NotFoundException(`patient ${patientId} not found`);
    return patient;
  }
}
