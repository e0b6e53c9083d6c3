import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig, loggerParams } from '@app/config';
import { RedisModule } from '@app/jobs';
import { PersistenceModule } from '@app/persistence';
import { AnalyticsExportController } from './analytics/analytics-export.controller';
import { AnalyticsExportService } from './analytics/analytics-export.service';
import { AnalyticsController } from './analytics/analytics.controller';
import { AnalyticsService } from './analytics/analytics.service';
import { AttributionController } from './attribution/attribution.controller';
import { AttributionService } from './attribution/attribution.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { AuditService } from './common/audit.service';
import { AUDIT_API_CONTROLLERS, AUDIT_API_PROVIDERS } from './audit/audit-api.registration';
import { Clock } from './common/clock';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { IdempotencyService } from './common/idempotency.service';
import { HealthController } from './health/health.controller';
import { JOBS_ADMIN_CONTROLLERS, JOBS_ADMIN_PROVIDERS } from './jobs-admin/jobs-admin.registration';
import { InterventionTypeController } from './interventions/intervention-type.controller';
import { InterventionController } from './interventions/intervention.controller';
import { InterventionService } from './interventions/intervention.service';
import { PainScoreController } from './pain-scores/pain-score.controller';
import { PainScoreService } from './pain-scores/pain-score.service';
import { PatientAccessService } from './patients/patient-access.service';
import { PatientController } from './patients/patient.controller';
import { PatientRecordService } from './patients/patient-record.service';
import { PatientService } from './patients/patient.service';
import { UserController } from './users/user.controller';
import { UserService } from './users/user.service';
import { VisitController } from './visits/visit.controller';
import { VisitService } from './visits/visit.service';
import { SMS_API_PROVIDERS, smsApiControllers, smsApiImports } from './sms/sms-api.registration';
import { rateLimitModule } from './security/rate-limits';

@Module({})
export class AppModule {
  /** The config is passed in, validated, by main.ts or a test — never read from process.env here. */
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(config, 'api')), TerminusModule, PersistenceModule, RedisModule, rateLimitModule(config), ...smsApiImports(config)],
      controllers: [
        AuthController, UserController, PatientController, VisitController, InterventionController, InterventionTypeController,
        PainScoreController, AttributionController, HealthController,
        ...AUDIT_API_CONTROLLERS,
        ...JOBS_ADMIN_CONTROLLERS,
        ...smsApiControllers(config),
        AnalyticsController, AnalyticsExportController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        Clock, AuditService, IdempotencyService, AuthService, UserService, PatientAccessService, PatientRecordService, PatientService,
        VisitService, InterventionService, PainScoreService, AttributionService,
        ...AUDIT_API_PROVIDERS,
        ...JOBS_ADMIN_PROVIDERS,
        ...SMS_API_PROVIDERS,
        AnalyticsService, AnalyticsExportService,
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
