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
exports.PainScoreEntity = void 0;
const domain_1 = require("../../../domain/src/index.js");
const typeorm_1 = require("typeorm");
let PainScoreEntity = class PainScoreEntity {
    id;
    patientId;
    score;
    recordedAt;
    receivedAt;
    source;
    enteredBy;
};
exports.PainScoreEntity = PainScoreEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], PainScoreEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'patient_id', type: 'uuid' }),
    __metadata("design:type", String)
], PainScoreEntity.prototype, "patientId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'smallint' }),
    __metadata("design:type", Number)
], PainScoreEntity.prototype, "score", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'recorded_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], PainScoreEntity.prototype, "recordedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], PainScoreEntity.prototype, "receivedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'enum', enum: domain_1.PAIN_SCORE_SOURCES, enumName: 'pain_score_source' }),
    __metadata("design:type", String)
], PainScoreEntity.prototype, "source", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'entered_by', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], PainScoreEntity.prototype, "enteredBy", void 0);
exports.PainScoreEntity = PainScoreEntity = __decorate([
    (0, typeorm_1.Entity)('pain_score')
], PainScoreEntity);
//# sourceMappingURL=pain-score.entity.js.map