import { Injectable } from '@nestjs/common';
import {
  INTERVENTION_CATALOGUE, MIN_CELL_PATIENTS, SUPPRESSED, meanInterval, shownCount, smsStepLabel, suppressLine, suppressTable, wilsonInterval,
  type Interval, type Shown,
} from '@app/domain';
import { AnalyticsRepository } from '@app/persistence';
import type { Actor } from '../common/actor';
import { AuditService } from '../common/audit.service';
import { CLASSIFICATIONS, type AnalyticsQueryDto, type WaterfallQueryDto } from './analytics.dto';
import { filtersOf, toFilter } from './analytics-filter';

const LEANS = ['knee', 'spine', 'balanced', 'unknown'] as const;

// Fixed decimals keep responses small and stop float noise (0.30000000000000004) reaching a chart.
const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d + 0;
const roundInterval = (ci: Interval | null, d = 2) => (ci ? { low: round(ci.low, d), high: round(ci.high, d) } : null);

/**
 * The analyst views: read the aggregate tables, then suppress every cell of fewer than 11 patients (and
 * any cell recoverable from the ones shown) before anything leaves. Each read is audited without a patient.
 */
@Injectable()
export class AnalyticsService {
  constructor(private readonly analytics: AnalyticsRepository, private readonly audit: AuditService) {}

  async trajectory(actor: Actor, query: AnalyticsQueryDto) {
    const rows = await this.analytics.trajectory(toFilter(query));
    await this.recordRead(actor, 'analytics.trajectory', query);
    return {
      filters: filtersOf(query),
      minCellPatients: MIN_CELL_PATIENTS,
      days: rows.map((r) =>
        r.n < MIN_CELL_PATIENTS
          ? { day: r.day, patients: SUPPRESSED, mean: SUPPRESSED, ci: SUPPRESSED }
          : { day: r.day, patients: r.n, mean: round(r.mean), ci: roundInterval(meanInterval(r.n, r.mean, r.sd)) },
      ),
    };
  }

  async responderRates(actor: Actor, query: AnalyticsQueryDto) {
    const rows = await this.analytics.responderCounts(toFilter(query));
    await this.recordRead(actor, 'analytics.responder_rates', query);
    return {
      filters: filtersOf(query),
      minCellPatients: MIN_CELL_PATIENTS,
      definition: 'Each patient counts once per type, with their first assessed intervention of it. Responder: ≥ 30 % and ≥ 2 points less pain (therapeutic), or ≥ 50 % peak relief (diagnostic block).',
      items: rows.map((r) => {
        // Responders and non-responders add up to the patients shown: hide both when either is small.
        const line = suppressLine([r.favourable, r.assessed - r.favourable]);
        const hidden = line.hidden.some(Boolean);
        const info = INTERVENTION_CATALOGUE[r.type];
        return {
          interventionType: r.type,
          label: info.label,
          target: info.target,
          diagnostic: info.diagnostic,
          patients: line.totalHidden ? SUPPRESSED : r.assessed,
          responders: hidden ? SUPPRESSED : r.favourable,
          nonResponders: hidden ? SUPPRESSED : r.assessed - r.favourable,
          rate: hidden ? SUPPRESSED : round(r.favourable / r.assessed, 4),
          ci: hidden ? SUPPRESSED : roundInterval(wilsonInterval(r.favourable, r.assessed), 4),
        };
      }),
    };
  }

  async attributions(actor: Actor, query: AnalyticsQueryDto) {
    const rows = await this.analytics.attributionCounts(toFilter(query));
    await this.recordRead(actor, 'analytics.attributions', query);
    const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((sum, r) => sum + r.n, 0);
    const cells = CLASSIFICATIONS.map((c) => LEANS.map((l) => count((r) => r.classification === c && r.lean === l)));
    const table = suppressTable(cells);
    const agreement = [count((r) => r.agrees === true), count((r) => r.agrees === false), count((r) => r.agrees === null)];
    const agreementLine = suppressLine(agreement);
    const show = (n: number, hidden: boolean): Shown<number> => (hidden ? SUPPRESSED : n);
    const total = cells.flat().reduce((sum, n) => sum + n, 0);
    return {
      filters: filtersOf(query),
      minCellPatients: MIN_CELL_PATIENTS,
      patients: show(total, table.grandTotalHidden),
      byClassification: CLASSIFICATIONS.map((c, i) => ({ classification: c, patients: show(cells[i].reduce((s, n) => s + n, 0), table.rowTotalHidden[i]) })),
      byLean: LEANS.map((l, j) => ({ lean: l, patients: show(cells.reduce((s, row) => s + row[j], 0), table.columnTotalHidden[j]) })),
      byClassificationAndLean: CLASSIFICATIONS.map((c, i) => ({
        classification: c,
        cells: LEANS.map((l, j) => ({ lean: l, patients: show(cells[i][j], table.hidden[i][j]) })),
      })),
      pictureAgreesWithResponse: {
        agree: show(agreement[0], agreementLine.hidden[0]),
        disagree: show(agreement[1], agreementLine.hidden[1]),
        notComparable: show(agreement[2], agreementLine.hidden[2]),
      },
    };
  }

  async waterfall(actor: Actor, query: WaterfallQueryDto) {
    const rows = await this.analytics.waterfall({ ...toFilter(query), interventionType: query.interventionType });
    await this.recordRead(actor, 'analytics.waterfall', query);
    const bars = [...rows].sort((a, b) => b.changePct - a.changePct || a.pseudonym.localeCompare(b.pseudonym));
    return {
      filters: filtersOf(query),
      minCellPatients: MIN_CELL_PATIENTS,
      interventionType: query.interventionType,
      label: INTERVENTION_CATALOGUE[query.interventionType].label,
      patients: shownCount(rows.length),
      // Per-patient bars of a group smaller than 11 would describe those few patients: none are shown.
      bars: rows.length < MIN_CELL_PATIENTS ? SUPPRESSED : bars.map((b) => ({ pseudonym: b.pseudonym, changePct: round(b.changePct, 1), category: b.category })),
    };
  }

  async smsAdherence(actor: Actor, query: AnalyticsQueryDto) {
    const rows = await this.analytics.smsSteps(toFilter(query));
    await this.recordRead(actor, 'analytics.sms_adherence', query);
    return {
      filters: filtersOf(query),
      minCellPatients: MIN_CELL_PATIENTS,
      definition: 'Answer rate = prompts answered / prompts sent at that step (reminders count towards their prompt). Patients = patients sent a prompt at that step.',
      items: rows.map((r) => {
        // Patients who answered and who did not add up to the patients shown: hide both when either is small.
        const line = suppressLine([r.answeringPatients, r.patients - r.answeringPatients]);
        const hidden = line.hidden.some(Boolean);
        return {
          step: smsStepLabel(r.kind, r.stepMinutes),
          kind: r.kind,
          stepMinutes: r.stepMinutes,
          patients: line.totalHidden ? SUPPRESSED : r.patients,
          promptsSent: hidden ? SUPPRESSED : r.sent,
          promptsAnswered: hidden ? SUPPRESSED : r.answered,
          rate: hidden ? SUPPRESSED : round(r.answered / r.sent, 4),
          ci: hidden ? SUPPRESSED : roundInterval(wilsonInterval(r.answered, r.sent), 4),
        };
      }),
    };
  }

  private recordRead(actor: Actor, action: string, query: AnalyticsQueryDto): Promise<void> {
    // A cohort read touches no single patient: patientId stays null, the filters say what was looked at.
    return this.audit.recordRead(actor, { action, resourceType: 'analytics', patientId: null, details: filtersOf(query) });
  }
}
