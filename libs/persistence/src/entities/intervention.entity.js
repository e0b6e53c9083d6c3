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
exports.InterventionEntity = void 0;
const domain_1 = require("../../../domain/src/index.js");
const typeorm_1 = require("typeorm");
let InterventionEntity = class InterventionEntity {
    id;
    patientId;
    type;
    target;
    performedAt;
    endedAt;
    laterality;
    spinalLevels;
    agents;
    note;
    createdBy;
    createdAt;
    updatedAt;
};
exports.InterventionEntity = InterventionEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], InterventionEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'patient_id', type: 'uuid' }),
    __metadata("design:type", String)
], InterventionEntity.prototype, "patientId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'enum', enum: domain_1.INTERVENTION_TYPES, enumName: 'intervention_type' }),
    __metadata("design:type", String)
], InterventionEntity.prototype, "type", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'enum', enum: domain_1.TARGETS, enumName: 'intervention_target' }),
    __metadata("design:type", String)
], InterventionEntity.prototype, "target", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'performed_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], InterventionEntity.prototype, "performedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'ended_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], InterventionEntity.prototype, "endedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'enum', enum: domain_1.LATERALITIES, enumName: 'laterality', nullable: true }),
    __metadata("design:type", Object)
], InterventionEntity.prototype, "laterality", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'spinal_levels', type: 'text', array: true, default: () => "'{}'" }),
    __metadata("design:type", Array)
], InterventionEntity.prototype, "spinalLevels", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', array: true, default: () => "'{}'" }),
    __metadata("design:type", Array)
], InterventionEntity.prototype, "agents", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], InterventionEntity.prototype, "note", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_by', type: 'uuid' }),
    __metadata("design:type", String)
], InterventionEntity.prototype, "createdBy", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], InterventionEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.UpdateDateColumn)({ name: 'updated_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], InterventionEntity.prototype, "updatedAt", void 0);
exports.InterventionEntity = InterventionEntity = __decorate([
    (0, typeorm_1.Entity)('intervention')
], InterventionEntity);
//# sourceMappingURL=intervention.entity.js.map