import type { InterventionType, PainScoreSource, VisitFindings } from '@app/domain';
import type { IndexKnee } from '@app/persistence';

/**
 * A small, deterministic demo cohort whose histories look like a real knee–spine clinic: one patient per
 * attribution story, daily SMS answers with gaps, intraday answers after diagnostic blocks, and visits whose
 * findings lean the way the story does. Names and numbers are fictional (555-01xx is reserved for fiction).
 */
export interface DemoPatient {
  givenName: string;
  familyName: string;
  birthDate: string;
  mrn: string;
  phone: string;
  timezone: string;
  indexKnee: IndexKnee;
  story: string;
  visits: Array<{ day: number; clinicPain: number; findings: VisitFindings; note: string }>;
  interventions: Array<{ day: number; type: InterventionType; spinalLevels?: string[]; endDay?: number; laterality?: 'left' | 'right' | 'bilateral' }>;
  scores: Array<{ at: Date; score: number; source: PainScoreSource }>;
}

type Effect = { day: number; hours?: number; relief: number; kind: 'block' | 'steroid' | 'course' | 'none' };

const RADICULAR: VisitFindings = {
  location: { medial: 'present', anterior: 'present', radiationFromBackOrButtock: 'present', painBelowKnee: 'present' },
  character: { burning: 'present', shooting: 'present', waxingWaningWithFlares: 'present', steadyMechanical: 'absent' },
  aggravatedBy: { sitting: 'present', coughSneeze: 'present', stairs: 'absent' },
  history: { lowBackPain: 'present', kneeTrauma: 'absent', stiffnessAfterInactivity: 'absent' },
  exam: { jointLineTenderness: 'absent', effusion: 'absent', mcmurray: 'absent', straightLegRaise: 'present', femoralNerveStretch: 'present' },
  imaging: { kneeXrayKellgrenLawrence: 1, lumbarMri: [{ finding: 'foraminal_stenosis', level: 'L3-L4', side: 'left' }], emg: 'normal' },
};
const MECHANICAL: VisitFindings = {
  location: { medial: 'present', radiationFromBackOrButtock: 'absent' },
  character: { aching: 'present', steadyMechanical: 'present', burning: 'absent' },
  aggravatedBy: { weightBearing: 'present', stairs: 'present', squatting: 'present', sitting: 'absent' },
  history: { stiffnessAfterInactivity: 'present', crepitus: 'present', lowBackPain: 'absent' },
  exam: { jointLineTenderness: 'present', effusion: 'present', crepitusOnMotion: 'present', straightLegRaise: 'absent', femoralNerveStretch: 'absent' },
  imaging: { kneeXrayKellgrenLawrence: 3, kneeMri: { meniscalTear: 'present', cartilageLoss: 'present' } },
};
const LATERAL_RADICULAR: VisitFindings = {
  ...RADICULAR,
  location: { lateral: 'present', posterior: 'present', radiationFromBackOrButtock: 'present', painBelowKnee: 'present' },
  imaging: { kneeXrayKellgrenLawrence: 2, lumbarMri: [{ finding: 'disc_herniation', level: 'L5-S1', side: 'right' }], emg: 'radiculopathy' },
};
const MIXED_PICTURE: VisitFindings = {
  location: { medial: 'present', radiationFromBackOrButtock: 'present' },
  character: { aching: 'present', burning: 'present' },
  aggravatedBy: { stairs: 'present', sitting: 'present' },
  history: { lowBackPain: 'present', crepitus: 'present' },
  exam: { jointLineTenderness: 'present', straightLegRaise: 'present' },
  imaging: { kneeXrayKellgrenLawrence: 3, lumbarMri: [{ finding: 'central_stenosis', level: 'L4-L5', side: 'central' }] },
};

export const DEMO_PATIENT_COUNT = 8;

/** Mulberry32: tiny, seeded, good enough for demo noise. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** How much of an effect's relief applies at a moment, by its kind's time course. */
function effectAt(effect: Effect, tDays: number): number {
  const since = tDays - effect.day;
  if (since < 0) return 0;
  switch (effect.kind) {
    case 'block':
      return since * 24 >= 0.25 && since * 24 <= 6 ? effect.relief : 0;
    case 'steroid':
      if (since < 2) return effect.relief * 0.2;
      return since <= 35 ? effect.relief * Math.min(1, (since - 1) / 3) * (since > 21 ? Math.max(0.3, 1 - (since - 21) / 20) : 1) : effect.relief * 0.2;
    case 'course':
      return since >= 14 ? effect.relief * Math.min(1, (since - 14) / 14 + 0.4) : effect.relief * 0.2 * (since / 14);
    case 'none':
      return 0;
  }
}

function scores(start: Date, days: number, baseline: number, effects: Effect[], seed: number): DemoPatient['scores'] {
  const random = rng(seed);
  const out: DemoPatient['scores'] = [];
  const noise = () => (random() + random() + random() - 1.5) * 1.4;
  const painAt = (tDays: number) => {
    const relief = effects.reduce((sum, e) => sum + effectAt(e, tDays), 0);
    return Math.max(0, Math.min(10, Math.round(baseline * (1 - Math.min(0.95, relief)) + noise())));
  };
  for (let d = 0; d < days; d++) {
    if (random() < 0.3) continue; // patients skip days
    const at = new Date(start.getTime() + d * DAY + (18 + random() * 3) * HOUR);
    out.push({ at, score: painAt(d + 0.75), source: random() < 0.85 ? 'sms_link' : 'sms_reply' });
  }
  for (const e of effects.filter((x) => x.kind === 'block')) {
    out.push({ at: new Date(start.getTime() + e.day * DAY + 9 * HOUR - 20 * 60_000), score: painAt(e.day), source: 'clinic' });
    for (const h of [0.5, 1, 2, 4, 6]) {
      out.push({ at: new Date(start.getTime() + e.day * DAY + 9 * HOUR + h * HOUR), score: painAt(e.day + h / 24), source: 'sms_link' });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function demoCohort(now: Date): DemoPatient[] {
  const days = 120;
  const start = demoStart(now);
  const make = (p: Omit<DemoPatient, 'scores'>, baseline: number, effects: Effect[], seed: number): DemoPatient => ({
    ...p,
    scores: scores(start, days, baseline, effects, seed),
  });
  return [
    make(
      { givenName: 'Maria', familyName: 'Hernández', birthDate: '1958-03-14', mrn: 'DEMO-1001', phone: '+12025550101', timezone: 'America/New_York', indexKnee: 'left',
        story: 'spine: knee block failed, L3/L4 nerve-root block strongly positive, transforaminal ESI then helped',
        visits: [{ day: 14, clinicPain: 7, findings: RADICULAR, note: 'Medial knee pain with burning, worse sitting. Normal knee exam, femoral stretch positive.' }, { day: 70, clinicPain: 3, findings: RADICULAR, note: 'Much better since the ESI.' }],
        interventions: [{ day: 20, type: 'knee_anesthetic_injection', laterality: 'left' }, { day: 34, type: 'selective_nerve_root_block', spinalLevels: ['L3-L4'], laterality: 'left' }, { day: 48, type: 'transforaminal_esi', spinalLevels: ['L3-L4'], laterality: 'left' }] },
      7, [{ day: 20, relief: 0.05, kind: 'block' }, { day: 34, relief: 0.85, kind: 'block' }, { day: 48, relief: 0.6, kind: 'steroid' }], 11),
    make(
      { givenName: 'James', familyName: "O'Connor", birthDate: '1949-11-02', mrn: 'DEMO-1002', phone: '+12025550102', timezone: 'America/Chicago', indexKnee: 'right',
        story: 'knee: diagnostic knee block positive, corticosteroid injection helped, ESI did not',
        visits: [{ day: 10, clinicPain: 7, findings: MECHANICAL, note: 'Mechanical medial pain, effusion, crepitus. KL 3.' }],
        interventions: [{ day: 18, type: 'knee_anesthetic_injection', laterality: 'right' }, { day: 40, type: 'interlaminar_esi', spinalLevels: ['L4-L5'] }, { day: 80, type: 'knee_corticosteroid_injection', laterality: 'right' }] },
      7, [{ day: 18, relief: 0.8, kind: 'block' }, { day: 40, relief: 0.05, kind: 'steroid' }, { day: 80, relief: 0.55, kind: 'steroid' }], 22),
    make(
      { givenName: 'Aiko', familyName: 'Tanaka', birthDate: '1966-07-21', mrn: 'DEMO-1003', phone: '+12025550103', timezone: 'America/Los_Angeles', indexKnee: 'bilateral',
        story: 'mixed: knee arthritis and L4/L5 stenosis; both knee and spine care partly help',
        visits: [{ day: 8, clinicPain: 8, findings: MIXED_PICTURE, note: 'Both knees ache on stairs; also burning into the shin when sitting.' }],
        interventions: [{ day: 20, type: 'knee_corticosteroid_injection', laterality: 'bilateral' }, { day: 62, type: 'transforaminal_esi', spinalLevels: ['L4-L5'] }] },
      8, [{ day: 20, relief: 0.4, kind: 'steroid' }, { day: 62, relief: 0.4, kind: 'steroid' }], 33),
    make(
      { givenName: 'Samuel', familyName: 'Okafor', birthDate: '1971-01-30', mrn: 'DEMO-1004', phone: '+12025550104', timezone: 'Europe/London', indexKnee: 'right',
        story: 'neither: knee and nerve-root blocks and both steroid injections failed — look elsewhere',
        visits: [{ day: 12, clinicPain: 6, findings: { location: { diffuse: 'present' }, exam: { jointLineTenderness: 'absent', straightLegRaise: 'absent' } }, note: 'Diffuse pain, unremarkable exam.' }],
        interventions: [
          { day: 16, type: 'knee_anesthetic_injection', laterality: 'right' }, { day: 30, type: 'selective_nerve_root_block', spinalLevels: ['L4-L5'], laterality: 'right' },
          { day: 44, type: 'knee_corticosteroid_injection', laterality: 'right' }, { day: 80, type: 'caudal_esi', spinalLevels: ['L5-S1'] },
        ] },
      6, [{ day: 16, relief: 0, kind: 'block' }, { day: 30, relief: 0, kind: 'block' }, { day: 44, relief: 0, kind: 'steroid' }, { day: 80, relief: 0, kind: 'steroid' }], 44),
    make(
      { givenName: 'Elena', familyName: 'Petrova', birthDate: '1955-09-09', mrn: 'DEMO-1005', phone: '+12025550105', timezone: 'Europe/Berlin', indexKnee: 'left',
        story: 'inconclusive: knee injection did not help and spine care is untested',
        visits: [{ day: 30, clinicPain: 7, findings: RADICULAR, note: 'Medial knee pain, waxing and waning with 10/10 flares; back pain history.' }],
        interventions: [{ day: 60, type: 'knee_corticosteroid_injection', laterality: 'left' }] },
      7, [{ day: 60, relief: 0.03, kind: 'steroid' }], 55),
    make(
      { givenName: 'David', familyName: 'Cohen', birthDate: '1962-05-05', mrn: 'DEMO-1006', phone: '+12025550106', timezone: 'America/New_York', indexKnee: 'right',
        story: 'spine (L5/S1): lateral/posterior knee pain; extension PT course helped',
        visits: [{ day: 5, clinicPain: 6, findings: LATERAL_RADICULAR, note: 'Posterolateral knee pain, positive SLR, EMG L5 radiculopathy.' }],
        interventions: [{ day: 15, type: 'pt_quadriceps_strengthening', endDay: 43 }, { day: 60, type: 'pt_extension_mobilization', endDay: 95 }] },
      6, [{ day: 15, relief: 0.05, kind: 'course' }, { day: 60, relief: 0.55, kind: 'course' }], 66),
    make(
      { givenName: 'Grace', familyName: 'Mensah', birthDate: '1968-12-12', mrn: 'DEMO-1007', phone: '+12025550107', timezone: 'Africa/Accra', indexKnee: 'left',
        story: 'knee: genicular nerve block strongly positive, quadriceps PT helped',
        visits: [{ day: 9, clinicPain: 7, findings: MECHANICAL, note: 'Anteromedial pain on stairs, patellar grind positive.' }],
        interventions: [{ day: 16, type: 'genicular_nerve_block', laterality: 'left' }, { day: 30, type: 'pt_quadriceps_strengthening', endDay: 72 }] },
      7, [{ day: 16, relief: 0.85, kind: 'block' }, { day: 30, relief: 0.45, kind: 'course' }], 77),
    make(
      { givenName: 'Lucas', familyName: 'Silva', birthDate: '1975-02-18', mrn: 'DEMO-1008', phone: '+12025550108', timezone: 'America/Sao_Paulo', indexKnee: 'right',
        story: 'newly enrolled: baseline diary only, a knee block is booked',
        visits: [{ day: 105, clinicPain: 6, findings: MIXED_PICTURE, note: 'First visit. Diary started.' }],
        interventions: [] },
      6, [], 88),
  ];
}

export function demoStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY) * DAY - 120 * DAY);
}
