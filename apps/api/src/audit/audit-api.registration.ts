import { AuditController } from './audit.controller';
import { AuditTrailService } from './audit-trail.service';

/** The audit trail's share of AppModule (admin view and export). */
export const AUDIT_API_CONTROLLERS = [AuditController];
export const AUDIT_API_PROVIDERS = [AuditTrailService];
