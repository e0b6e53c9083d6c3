import type { INestApplicationContext } from '@nestjs/common';
import { PainScoreRepository, TransactionRunner, UserRepository } from '@app/persistence';
import type { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { InterventionService } from '../interventions/intervention.service';
import { PatientRecordService } from '../patients/patient-record.service';
import { PatientService } from '../patients/patient.service';
import { UserService } from '../users/user.service';
import { VisitService } from '../visits/visit.service';
import { demoCohort, demoStart } from './demo-cohort';

export const DEMO_PASSWORD = 'demo-password-123';
export const DEMO_LOGINS = [
  { email: 'clinician@demo.test', role: 'clinician', name: 'Dr. Ana Lee' },
  { email: 'analyst@demo.test', role: 'analyst', name: 'Sam Ortiz' },
  { email: 'admin@demo.test', role: 'admin', name: 'Riley Park' },
] as const;

const DAY = 86_400_000;

/**
 * Loads the demo logins and cohort through the same services the API uses, so the demo data carries
 * audit rows and recompute promises like real data. Does nothing when the demo clinician already exists.
 */
export async function seedDemo(app: INestApplicationContext): Promise<{ created: boolean; patients: number; logins: Array<{ email: string; password: string; role: string }> }> {
  const users = app.get(UserRepository);
  const logins = DEMO_LOGINS.map((l) => ({ email: l.email, password: DEMO_PASSWORD, role: l.role }));
  if (await users.emailExists(DEMO_LOGINS[0].email)) return { created: false, patients: 0, logins };

  const tx = app.get(TransactionRunner);
  const userService = app.get(UserService);
  const team = await tx.run((t) => users.createTeam(t, 'Demo Knee & Spine Clinic'));
  const created = await tx.run(async (t) => {
    const out = [];
    for (const login of DEMO_LOGINS) {
      out.push(await userService.insert(t, { ...login, password: DEMO_PASSWORD, careTeamIds: login.role === 'clinician' ? [team.id] : [] }));
    }
    return out;
  });
  const clinician = created[0];
  const actor: Actor = { userId: clinician.id, role: 'clinician', careTeamIds: [team.id], sessionId: 'seed', requestId: 'seed-demo' };

  const now = app.get(Clock).now();
  const start = demoStart(now);
  const atDay = (day: number, hour = 9) => new Date(start.getTime() + day * DAY + hour * 3_600_000).toISOString();
  const cohort = demoCohort(now);
  for (const demo of cohort) {
    const patient = await app.get(PatientService).create(actor, {
      givenName: demo.givenName, familyName: demo.familyName, birthDate: demo.birthDate, mrn: demo.mrn, phone: demo.phone,
      timezone: demo.timezone, indexKnee: demo.indexKnee, smsConsent: true,
    });
    for (const v of demo.visits) {
      await app.get(VisitService).create(actor, patient.id, { occurredAt: atDay(v.day, 8.5), clinicPain: v.clinicPain, findings: v.findings, note: v.note });
    }
    for (const i of demo.interventions) {
      await app.get(InterventionService).create(actor, patient.id, {
        type: i.type, performedAt: atDay(i.day), endedAt: i.endDay === undefined ? undefined : atDay(i.endDay), laterality: i.laterality, spinalLevels: i.spinalLevels,
      });
    }
    const scores = demo.scores.filter((s) => s.at <= now);
    await app.get(PatientRecordService).change(actor, patient.id, async (t) => {
      const inserted = await app.get(PainScoreRepository).insertMany(
        t,
        scores.map((s) => ({ patientId: patient.id, score: s.score, recordedAt: s.at, source: s.source, enteredBy: s.source === 'clinic' ? clinician.id : null })),
      );
      return { result: inserted, audit: [{ action: 'pain_score.bulk_create', resourceType: 'pain_score', details: { count: inserted, demo: true } }] };
    });
  }
  return { created: true, patients: cohort.length, logins };
}
