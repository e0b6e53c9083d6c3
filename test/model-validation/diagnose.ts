import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluatePatient } from '../../libs/domain/src/evaluate-patient';
import { fitPainModel } from '../../libs/domain/src/pain-model';
import { INTERVENTION_CATALOGUE } from '../../libs/domain/src/intervention-catalogue';
import { ORACLE_VERSION, type OracleVerdict } from './oracle';
import { syntheticCohort } from './synthetic-cohort';

/** Developer aid: per-patient model vs oracle on a seed (default the calibration seed 1). Prints JSON lines. */
const seedFlag = process.argv.indexOf('--seed');
const seed = seedFlag >= 0 ? Number(process.argv[seedFlag + 1]) : 1;
const cohort = syntheticCohort(seed, 3000);
const oracle = JSON.parse(readFileSync(join(__dirname, `oracle-${ORACLE_VERSION}-seed${seed}-n3000.json`), 'utf8')) as OracleVerdict[];
const r = (x: number) => Math.round(x * 100) / 100;
cohort.forEach((patient, index) => {
  const { attribution } = evaluatePatient(patient.input);
  const fit = fitPainModel([...patient.input.scores], [...patient.input.interventions]);
  const v = oracle[index];
  console.log(JSON.stringify({
    i: index,
    truth: patient.truth,
    kneeShare: r(patient.kneeShare),
    oTop: v.top,
    oP: r(v.probability),
    oPost: Object.fromEntries(Object.entries(v.posterior).map(([k, x]) => [k, r(x)])),
    cls: attribution.classification,
    lead: attribution.leadingSource,
    mPost: attribution.posterior,
    traps: patient.traps.join(','),
    placeboPts: fit ? r(fit.placeboPoints) : null,
    noise: fit ? r(fit.noiseSd) : null,
    trueNoise: r(patient.latent.noiseSd),
    care: patient.latent.plans.map((plan) => ({
      id: plan.input.id, type: plan.input.type, acts: plan.acts, reach: plan.reach, placebo: r(plan.placebo),
      eff: Object.fromEntries(plan.effects.map((e) => [e.kind, r(e.efficacy)])),
      ev: attribution.evidence.find((e) => e.interventionId === plan.input.id)?.note,
      lr: attribution.evidence.find((e) => e.interventionId === plan.input.id)?.likelihoodRatio,
      phases: fit?.effects.filter((e) => e.interventionId === plan.input.id).map((e) => `${e.phase}:${Math.round(e.reliefPct)}±${Math.round(e.sePct)}`).join(' '),
      target: INTERVENTION_CATALOGUE[plan.input.type].target,
    })),
  }));
});
