import { INTERVENTION_CATALOGUE, type InterventionType } from './intervention-catalogue';

/**
 * The de-identified FHIR R4 export: Patient (pseudonym only), Procedure per intervention, Observation per
 * 0–10 pain score. No resource carries a date: times are offsets from a Procedure, expressed with the core
 * extension cqf-relativeDateTime, so the export keeps "days relative to the intervention" and nothing more.
 */

export const LOINC_SYSTEM = 'http://loinc.org';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const RELATIVE_DATE_TIME_URL = 'http://hl7.org/fhir/StructureDefinition/cqf-relativeDateTime';
export const PSEUDONYM_SYSTEM = 'urn:relieftrace:pseudonym';

export interface Coding {
  system: string;
  code: string;
  display: string;
}

/** LOINC 72514-3: the 0–10 numeric pain rating the diary asks for. */
export const PAIN_SEVERITY_0_10: Coding = { system: LOINC_SYSTEM, code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' };

/**
 * SNOMED CT procedure codes, only where the concept was checked against published terminology; a type
 * without a verified concept is exported with its text alone (a wrong code is worse than none).
 */
export const SNOMED_PROCEDURE: Readonly<Partial<Record<InterventionType, Coding>>> = {
  knee_arthroscopy: { system: SNOMED_SYSTEM, code: '309431009', display: 'Arthroscopy of knee joint' },
  pt_quadriceps_strengthening: { system: SNOMED_SYSTEM, code: '91251008', display: 'Physical therapy procedure' },
  pt_extension_mobilization: { system: SNOMED_SYSTEM, code: '91251008', display: 'Physical therapy procedure' },
};

export interface FhirPatientInput {
  pseudonym: string;
  procedures: ReadonlyArray<{ sequence: number; type: InterventionType; dayFromFirst: number }>;
  observations: ReadonlyArray<{ anchorSequence: number; offsetHours: number; score: number }>;
}

export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;
export interface FhirBundleEntry {
  fullUrl: string;
  resource: FhirResource;
}

export const fhirPatientId = (pseudonym: string) => pseudonym;
export const fhirProcedureId = (pseudonym: string, sequence: number) => `${pseudonym}-i${sequence}`;
export const fhirObservationId = (pseudonym: string, n: number) => `${pseudonym}-o${n}`;

/** The entries of one patient, in the order Patient, Procedures, Observations. */
export function fhirEntriesOf(input: FhirPatientInput, baseUrl: string): FhirBundleEntry[] {
  const patientRef = `Patient/${fhirPatientId(input.pseudonym)}`;
  const entry = (resource: FhirResource): FhirBundleEntry => ({ fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`, resource });
  const firstProcedure = input.procedures.find((p) => p.sequence === 1);
  const procedures = input.procedures.map((p) =>
    entry({
      resourceType: 'Procedure',
      id: fhirProcedureId(input.pseudonym, p.sequence),
      status: 'completed',
      code: procedureCode(p.type),
      subject: { reference: patientRef },
      ...(firstProcedure && p.sequence !== 1
        ? { extension: [relativeTime(`Procedure/${fhirProcedureId(input.pseudonym, 1)}`, p.dayFromFirst, 'd')] }
        : {}),
    }),
  );
  const observations = input.observations.map((o, index) =>
    entry({
      resourceType: 'Observation',
      id: fhirObservationId(input.pseudonym, index + 1),
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
      code: { coding: [PAIN_SEVERITY_0_10], text: 'Knee pain right now (0–10)' },
      subject: { reference: patientRef },
      valueInteger: o.score,
      extension: [relativeTime(`Procedure/${fhirProcedureId(input.pseudonym, o.anchorSequence)}`, o.offsetHours, 'h')],
    }),
  );
  return [
    entry({
      resourceType: 'Patient',
      id: fhirPatientId(input.pseudonym),
      identifier: [{ system: PSEUDONYM_SYSTEM, value: input.pseudonym }],
    }),
    ...procedures,
    ...observations,
  ];
}

function procedureCode(type: InterventionType) {
  const coding = SNOMED_PROCEDURE[type];
  return { ...(coding ? { coding: [coding] } : {}), text: INTERVENTION_CATALOGUE[type].label };
}

/** "offset after (or before) the start of that Procedure" — the only timing a de-identified export carries. */
function relativeTime(targetReference: string, offset: number, unit: 'h' | 'd') {
  return {
    url: RELATIVE_DATE_TIME_URL,
    extension: [
      { url: 'target', valueReference: { reference: targetReference } },
      { url: 'relationship', valueCode: offset < 0 ? 'before-start' : 'after-start' },
      { url: 'offset', valueDuration: { value: Math.abs(offset), unit: unit === 'h' ? 'h' : 'd', system: UCUM_SYSTEM, code: unit } },
    ],
  };
}
