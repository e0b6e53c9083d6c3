// A synthetic, seeded cohort: ~1 diary score a day with gaps, a few interventions of mixed types, and
// relief that follows the patient's true pain source inside each intervention's response window.
import { dist } from './util.mjs';

const { INTERVENTION_CATALOGUE, responseWindows, TIME } = dist('libs/domain/src/index.js');
const { DAY, HOUR, WEEK } = TIME;

/** Roughly a pain clinic's mix: diagnostic blocks, steroid injections, PT courses, a little surgery and medication. */
const TYPE_WEIGHTS = [
  ['knee_anesthetic_injection', 10], ['genicular_nerve_block', 5], ['selective_nerve_root_block', 10],
  ['knee_corticosteroid_injection', 10], ['transforaminal_esi', 10], ['interlaminar_esi', 5], ['caudal_esi', 2],
  ['knee_hyaluronic_acid', 4], ['knee_prp', 2], ['pt_quadriceps_strengthening', 8], ['pt_extension_mobilization', 8],
  ['knee_arthroscopy', 1], ['lumbar_decompression', 1], ['oral_nsaid', 6], ['oral_corticosteroid', 2], ['gabapentinoid', 4],
];
const SOURCES = [['knee', 40], ['spine', 35], ['mixed', 10], ['neither', 15]];
const KNEES = [['left', 45], ['right', 45], ['bilateral', 10]];

/**
 * One patient's record over `days` days ending at `end` (a Date). Interventions keep the catalogue's default
 * agents (empty list), which is what the SQL baseline's window table assumes.
 */
export function generatePatient(rand, { days, end }) {
  const start = end.getTime() - days * DAY;
  const indexKnee = rand.weighted(KNEES);
  const source = rand.weighted(SOURCES);
  const basePain = 4.5 + rand() * 3.5;
  const trendPerDay = (rand() - 0.6) * 0.02;

  const interventions = [];
  const count = rand.int(2, 4);
  const earliest = Math.min(16, Math.max(1, days - 2)); // leave two weeks of diary for a baseline when the diary allows
  let day = rand.int(earliest, Math.max(earliest, Math.floor(days * 0.45)));
  for (let k = 0; k < count && day < days - 1; k++) {
    const type = rand.weighted(TYPE_WEIGHTS);
    const info = INTERVENTION_CATALOGUE[type];
    const performedAt = new Date(start + day * DAY + rand.int(8, 16) * HOUR + rand.int(0, 59) * 60_000);
    const endedAt = info.kind === 'course' && rand() < 0.6 ? new Date(performedAt.getTime() + rand.int(4, 8) * WEEK) : null;
    interventions.push({
      id: rand.uuid(), type, target: info.target, performedAt, endedAt,
      laterality: info.target === 'knee' ? indexKnee : info.target === 'spine' ? rand.pick(['left', 'right']) : null,
      spinalLevels: info.takesSpinalLevels ? [rand.pick(['L3-L4', 'L4-L5', 'L5-S1'])] : [],
      windows: responseWindows({ type, agents: [], performedAt, endedAt }).map((w) => ({ ...w, fromAt: performedAt.getTime() + w.fromMs, toAt: performedAt.getTime() + w.toMs })),
    });
    day += rand.int(7, 24);
  }

  const reliefOf = (intervention, phase) => {
    const matches = intervention.target === source || (source === 'mixed' && intervention.target !== 'systemic');
    if (intervention.target === 'systemic') return 0.1 + rand() * 0.1;
    if (!matches) return rand() * 0.1;
    const strength = source === 'mixed' ? 0.5 : 1;
    return strength * (phase === 'anaesthetic' ? 0.6 + rand() * 0.35 : 0.25 + rand() * 0.35);
  };
  const effects = interventions.flatMap((i) => i.windows.map((w) => ({ fromAt: w.fromAt, toAt: w.toAt, relief: reliefOf(i, w.phase) })));
  const painAt = (at) => {
    const relief = Math.max(0, ...effects.filter((e) => at >= e.fromAt && at <= e.toAt).map((e) => e.relief));
    const level = basePain + trendPerDay * ((at - start) / DAY);
    return Math.max(0, Math.min(10, Math.round(level * (1 - relief) + rand.normal() * 0.9)));
  };

  const scores = [];
  for (let d = 0; d < days; d++) {
    if (rand() < 0.15) continue; // a missed day
    const at = start + d * DAY + rand.int(7, 21) * HOUR + rand.int(0, 59) * 60_000;
    if (at < end.getTime()) scores.push({ score: painAt(at), recordedAt: new Date(at) });
  }
  // Diagnostic blocks ask for scores in the hours after the injection.
  for (const i of interventions) {
    if (!i.windows.some((w) => w.phase === 'anaesthetic') || rand() < 0.2) continue;
    for (const hours of [1, 3]) {
      const at = i.performedAt.getTime() + hours * HOUR;
      if (at < end.getTime()) scores.push({ score: painAt(at), recordedAt: new Date(at) });
    }
  }
  return { indexKnee, source, interventions, scores };
}

/** The non-course windows per type with default agents, as rows for the SQL baseline's window table. */
export function windowTable() {
  const rows = [];
  for (const type of Object.keys(INTERVENTION_CATALOGUE)) {
    if (INTERVENTION_CATALOGUE[type].kind === 'course') {
      rows.push({ type, phase: 'course', fromMs: 2 * WEEK, toMs: null }); // depends on the course length: computed in SQL
      continue;
    }
    for (const w of responseWindows({ type, agents: [] })) rows.push({ type, phase: w.phase, fromMs: w.fromMs, toMs: w.toMs });
  }
  return rows;
}
