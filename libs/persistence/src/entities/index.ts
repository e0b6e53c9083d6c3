import { AnalyticsEpisodeDayEntity } from './analytics-episode-day.entity';
import { AnalyticsEpisodeEntity } from './analytics-episode.entity';
import { AnalyticsObservationEntity } from './analytics-observation.entity';
import { AnalyticsPatientEntity } from './analytics-patient.entity';
import { AnalyticsSmsStepEntity } from './analytics-sms-step.entity';
import { AttributionEntity } from './attribution.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CareTeamMemberEntity } from './care-team-member.entity';
import { CareTeamEntity } from './care-team.entity';
import { IdempotencyRecordEntity } from './idempotency-record.entity';
import { InterventionEntity } from './intervention.entity';
import { OutboxEntity } from './outbox.entity';
import { PainScoreEntity } from './pain-score.entity';
import { PatientEntity } from './patient.entity';
import { ResponseAssessmentEntity } from './response-assessment.entity';
import { SessionEntity } from './session.entity';
import { SmsConsoleMessageEntity } from './sms-console-message.entity';
import { SmsPromptEntity } from './sms-prompt.entity';
import { UserEntity } from './user.entity';
import { VisitEntity } from './visit.entity';

export {
  AttributionEntity, ResponseAssessmentEntity, AuditLogEntity, CareTeamEntity, CareTeamMemberEntity, IdempotencyRecordEntity, InterventionEntity, OutboxEntity,
  PainScoreEntity, PatientEntity, SessionEntity, UserEntity, VisitEntity, SmsPromptEntity, SmsConsoleMessageEntity,
};
export * from './user.entity';
export * from './audit-log.entity';
export * from './patient.entity';
export * from './sms-prompt.entity';
export { AnalyticsPatientEntity, AnalyticsEpisodeEntity, AnalyticsEpisodeDayEntity, AnalyticsObservationEntity, AnalyticsSmsStepEntity };

export const ENTITIES = [
  AttributionEntity, ResponseAssessmentEntity, AuditLogEntity, CareTeamEntity, CareTeamMemberEntity, IdempotencyRecordEntity, InterventionEntity, OutboxEntity,
  PainScoreEntity, PatientEntity, SessionEntity, UserEntity, VisitEntity, SmsPromptEntity, SmsConsoleMessageEntity,
  AnalyticsPatientEntity, AnalyticsEpisodeEntity, AnalyticsEpisodeDayEntity, AnalyticsObservationEntity, AnalyticsSmsStepEntity,
];
