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
exports.VisitEntity = void 0;
const typeorm_1 = require("typeorm");
let VisitEntity = class VisitEntity {
    id;
    patientId;
    clinicianId;
    occurredAt;
    clinicPain;
    findings;
    note;
    createdAt;
    updatedAt;
};
exports.VisitEntity = VisitEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], VisitEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'patient_id', type: 'uuid' }),
    __metadata("design:type", String)
], VisitEntity.prototype, "patientId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'clinician_id', type: 'uuid' }),
    __metadata("design:type", String)
], VisitEntity.prototype, "clinicianId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'occurred_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], VisitEntity.prototype, "occurredAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'clinic_pain', type: 'smallint', nullable: true }),
    __metadata("design:type", Object)
], VisitEntity.prototype, "clinicPain", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb' }),
    __metadata("design:type", Object)
], VisitEntity.prototype, "findings", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], VisitEntity.prototype, "note", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], VisitEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.UpdateDateColumn)({ name: 'updated_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], VisitEntity.prototype, "updatedAt", void 0);
exports.VisitEntity = VisitEntity = __decorate([
    (0, typeorm_1.Entity)('visit')
], VisitEntity);
//# sourceMappingURL=visit.entity.js.map