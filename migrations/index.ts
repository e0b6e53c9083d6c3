import { ClinicalRecordSchema1764090000000 } from './1764090000000-clinical-record-schema';
import { ResponseEngineResults1764100000000 } from './1764100000000-response-engine-results';
import { SmsDiary1764110000000 } from './1764110000000-sms-diary';
import { AnalyticsAggregates1764120000000 } from './1764120000000-analytics-aggregates';
import { EncryptPatientIdentifiers1764130000000 } from './1764130000000-encrypt-patient-identifiers';
import { AppendOnlyAuditChain1764140000000 } from './1764140000000-append-only-audit-chain';
import { LoginLockout1764150000000 } from './1764150000000-login-lockout';
import { AnalyticsRollups1764160000000 } from './1764160000000-analytics-rollups';
import { AnalyticsStaleMarks1764170000000 } from './1764170000000-analytics-stale-marks';
import { AnalyticsDropSmsSeenAt1764180000000 } from './1764180000000-analytics-drop-sms-seen-at';
import { OutboxUnrelayedIndex1764190000000 } from './1764190000000-outbox-unrelayed-index';
import { PainScoreCoveringIndex1764200000000 } from './1764200000000-pain-score-covering-index';

/** Every migration in order; the DataSource lists classes so compiled and ts-jest runs load the same set. */
export const MIGRATIONS = [
  ClinicalRecordSchema1764090000000, ResponseEngineResults1764100000000, SmsDiary1764110000000, AnalyticsAggregates1764120000000,
  EncryptPatientIdentifiers1764130000000, AppendOnlyAuditChain1764140000000, LoginLockout1764150000000,
  AnalyticsRollups1764160000000, AnalyticsStaleMarks1764170000000, AnalyticsDropSmsSeenAt1764180000000,
  OutboxUnrelayedIndex1764190000000, PainScoreCoveringIndex1764200000000,
];
