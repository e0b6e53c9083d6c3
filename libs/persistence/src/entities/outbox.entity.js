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
exports.OutboxEntity = void 0;
const typeorm_1 = require("typeorm");
let OutboxEntity = class OutboxEntity {
    id;
    kind;
    patientId;
    createdAt;
    enqueuedAt;
    doneAt;
};
exports.OutboxEntity = OutboxEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint' }),
    __metadata("design:type", String)
], OutboxEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], OutboxEntity.prototype, "kind", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'patient_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], OutboxEntity.prototype, "patientId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], OutboxEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'enqueued_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], OutboxEntity.prototype, "enqueuedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'done_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], OutboxEntity.prototype, "doneAt", void 0);
exports.OutboxEntity = OutboxEntity = __decorate([
    (0, typeorm_1.Entity)('outbox')
], OutboxEntity);
//# sourceMappingURL=outbox.entity.js.map