"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENTITIES = exports.VisitEntity = exports.UserEntity = exports.SessionEntity = exports.PatientEntity = exports.PainScoreEntity = exports.OutboxEntity = exports.InterventionEntity = exports.IdempotencyRecordEntity = exports.CareTeamMemberEntity = exports.CareTeamEntity = exports.AuditLogEntity = void 0;
const audit_log_entity_1 = require("./audit-log.entity");
Object.defineProperty(exports, "AuditLogEntity", { enumerable: true, get: function () { return audit_log_entity_1.AuditLogEntity; } });
const care_team_member_entity_1 = require("./care-team-member.entity");
Object.defineProperty(exports, "CareTeamMemberEntity", { enumerable: true, get: function () { return care_team_member_entity_1.CareTeamMemberEntity; } });
const care_team_entity_1 = require("./care-team.entity");
Object.defineProperty(exports, "CareTeamEntity", { enumerable: true, get: function () { return care_team_entity_1.CareTeamEntity; } });
const idempotency_record_entity_1 = require("./idempotency-record.entity");
Object.defineProperty(exports, "IdempotencyRecordEntity", { enumerable: true, get: function () { return idempotency_record_entity_1.IdempotencyRecordEntity; } });
const intervention_entity_1 = require("./intervention.entity");
Object.defineProperty(exports, "InterventionEntity", { enumerable: true, get: function () { return intervention_entity_1.InterventionEntity; } });
const outbox_entity_1 = require("./outbox.entity");
Object.defineProperty(exports, "OutboxEntity", { enumerable: true, get: function () { return outbox_entity_1.OutboxEntity; } });
const pain_score_entity_1 = require("./pain-score.entity");
Object.defineProperty(exports, "PainScoreEntity", { enumerable: true, get: function () { return pain_score_entity_1.PainScoreEntity; } });
const patient_entity_1 = require("./patient.entity");
Object.defineProperty(exports, "PatientEntity", { enumerable: true, get: function () { return patient_entity_1.PatientEntity; } });
const session_entity_1 = require("./session.entity");
Object.defineProperty(exports, "SessionEntity", { enumerable: true, get: function () { return session_entity_1.SessionEntity; } });
const user_entity_1 = require("./user.entity");
Object.defineProperty(exports, "UserEntity", { enumerable: true, get: function () { return user_entity_1.UserEntity; } });
const visit_entity_1 = require("./visit.entity");
Object.defineProperty(exports, "VisitEntity", { enumerable: true, get: function () { return visit_entity_1.VisitEntity; } });
__exportStar(require("./user.entity"), exports);
__exportStar(require("./audit-log.entity"), exports);
__exportStar(require("./patient.entity"), exports);
exports.ENTITIES = [
    audit_log_entity_1.AuditLogEntity, care_team_entity_1.CareTeamEntity, care_team_member_entity_1.CareTeamMemberEntity, idempotency_record_entity_1.IdempotencyRecordEntity, intervention_entity_1.InterventionEntity, outbox_entity_1.OutboxEntity,
    pain_score_entity_1.PainScoreEntity, patient_entity_1.PatientEntity, session_entity_1.SessionEntity, user_entity_1.UserEntity, visit_entity_1.VisitEntity,
];
//# sourceMappingURL=index.js.map