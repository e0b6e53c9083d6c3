"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PatientEntity = exports.INDEX_KNEES = void 0;
const typeorm_1 = require("typeorm");
exports.INDEX_KNEES = ['left', 'right', 'bilateral'];
let PatientEntity = class PatientEntity {
    id;
    pseudonym;
    givenName;
    familyName;
    birthDate;
    mrn;
    phone;
    timezone;
    indexKnee;
    smsConsent;
    smsOptedOutAt;
    careTeamId;
    createdAt;
    updatedAt;
};
exports.PatientEntity = PatientEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], PatientEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], PatientEntity.prototype, "pseudonym", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'given_name', type: 'text' }),
    __metadata("design:type", String)
], PatientEntity.prototype, "givenName", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'family_name', type: 'text' }),
    __metadata("design:type", String)
], PatientEntity.prototype, "familyName", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'birth_date', type: 'date' }),
    __metadata("design:type", String)
], PatientEntity.prototype, "birthDate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], PatientEntity.prototype, "mrn", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], PatientEntity.prototype, "phone", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], PatientEntity.prototype, "timezone", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'index_knee', type: 'enum', enum: exports.INDEX_KNEES, enumName: 'index_knee' }),
    __metadata("design:type", String)
], PatientEntity.prototype, "indexKnee", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'sms_consent', type: 'boolean' }),
    __metadata("design:type", Boolean)
], PatientEntity.prototype, "smsConsent", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'sms_opted_out_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], PatientEntity.prototype, "smsOptedOutAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'care_team_id', type: 'uuid' }),
    __metadata("design:type", String)
], PatientEntity.prototype, "careTeamId", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], PatientEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.UpdateDateColumn)({ name: 'updated_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], PatientEntity.prototype, "updatedAt", void 0);
exports.PatientEntity = PatientEntity = __decorate([
    (0, typeorm_1.Entity)('patient')
], PatientEntity);
//# sourceMappingURL=patient.entity.js.map