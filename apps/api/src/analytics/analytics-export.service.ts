import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { fhirEntriesOf, INTERVENTION_CATALOGUE, MIN_CELL_PATIENTS } from '@app/domain';
import { AnalyticsRepository, type AnalyticsFilter, type ExportPatientRow } from '@app/persistence';
import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Actor } from '../common/actor';
import { AuditService } from '../common/audit.service';
import type { AnalyticsQueryDto } from './analytics.dto';
import { filtersOf, toFilter } from './analytics-filter';

/** Patients per database page while streaming: memory stays flat however large the cohort. */
const PAGE = 200;

/** The documented columns of cohort.csv, one row per assessment (README "Analyst workspace"). */
export const COHORT_CSV_COLUMNS = [
  'pseudonym', 'intervention_number', 'intervention_type', 'intervention_label', 'target', 'diagnostic', 'day_since_first_intervention',
  'assessed', 'category', 'baseline_pain', 'change_pct', 'confounded', 'patient_attribution', 'patient_clinical_lean',
] as const;

export interface ExportPlan {
  filter: AnalyticsFilter;
  /** Rows (CSV) or entries (FHIR) the stream will hold, sent ahead as a header so the UI can show progress. */
  expected: number;
}

/**
 * Streams the de-identified exports from the aggregate tables. A selection of fewer than 11 patients is
 * refused: row-level data about so few people is a small cell in itself.
 */
@Injectable()
export class AnalyticsExportService {
  constructor(private readonly analytics: AnalyticsRepository, private readonly audit: AuditService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async plan(actor: Actor, query: AnalyticsQueryDto, format: 'csv' | 'fhir'): Promise<ExportPlan> {
    const filter = toFilter(query);
    const size = await this.analytics.exportSize(filter);
    if (size.patients < MIN_CELL_PATIENTS) {
      throw new UnprocessableEntityException(`This selection covers fewer than ${MIN_CELL_PATIENTS} patients; widen the filters to export it.`);
    }
    await this.audit.recordRead(actor, {
      action: `analytics.export.${format}`, resourceType: 'analytics', patientId: null,
      details: { ...filtersOf(query), patients: size.patients, assessments: size.episodes },
    });
    return { filter, expected: format === 'csv' ? size.episodes : size.patients + size.allEpisodes + size.observations };
  }

  async writeCsv(plan: ExportPlan, out: Writable): Promise<void> {
    const csv = stringify({ header: true, columns: [...COHORT_CSV_COLUMNS] });
    csv.pipe(out);
    for await (const patient of this.patients(plan.filter, 'matching')) {
      for (const e of patient.episodes) {
        const ok = csv.write([
          patient.pseudonym, e.sequence, e.type, INTERVENTION_CATALOGUE[e.type].label, e.target, e.diagnostic, e.dayFromFirst,
          e.assessed, e.category, e.baseline ?? '', e.changePct ?? '', e.confounded, patient.classification ?? '', patient.clinicalLean ?? '',
        ]);
        if (!ok) await once(csv, 'drain');
      }
    }
    csv.end();
    await once(out, 'finish');
  }

  /** A Bundle written entry by entry: JSON framing by hand, each resource by JSON.stringify. */
  async writeFhir(plan: ExportPlan, out: Writable): Promise<void> {
    const base = `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/fhir`;
    const write = async (chunk: string) => {
      if (!out.write(chunk)) await once(out, 'drain');
    };
    await write('{"resourceType":"Bundle","type":"collection","entry":[');
    let first = true;
    // The filter picks the patients; each keeps all its procedures, since its scores are timed from them.
    for await (const patient of this.patients(plan.filter, 'all')) {
      const entries = fhirEntriesOf(
        { pseudonym: patient.pseudonym, procedures: patient.episodes.map((e) => ({ sequence: e.sequence, type: e.type, dayFromFirst: e.dayFromFirst })), observations: patient.observations },
        base,
      );
      for (const entry of entries) {
        await write(`${first ? '' : ','}\n${JSON.stringify(entry)}`);
        first = false;
      }
    }
    await write('\n]}\n');
    out.end();
  }

  private async *patients(filter: AnalyticsFilter, episodes: 'matching' | 'all'): AsyncGenerator<ExportPatientRow> {
    let after: string | null = null;
    for (;;) {
      const page = await this.analytics.exportPage(filter, after, PAGE, episodes);
      for (const patient of page) yield patient;
      if (page.length < PAGE) return;
      after = page[page.length - 1].pseudonym;
    }
  }
}
