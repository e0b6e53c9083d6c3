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
exports.IdempotencyRecordEntity = void 0;
const typeorm_1 = require("typeorm");
let IdempotencyRecordEntity = class IdempotencyRecordEntity {
    userId;
    key;
    requestHash;
    responseStatus;
    responseBody;
    createdAt;
};
exports.IdempotencyRecordEntity = IdempotencyRecordEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'user_id', type: 'uuid' }),
    __metadata("design:type", String)
], IdempotencyRecordEntity.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text' }),
    __metadata("design:type", String)
], IdempotencyRecordEntity.prototype, "key", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'request_hash', type: 'text' }),
    __metadata("design:type", String)
], IdempotencyRecordEntity.prototype, "requestHash", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'response_status', type: 'smallint' }),
    __metadata("design:type", Number)
], IdempotencyRecordEntity.prototype, "responseStatus", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'response_body', type: 'jsonb' }),
    __metadata("design:type", Object)
], IdempotencyRecordEntity.prototype, "responseBody", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], IdempotencyRecordEntity.prototype, "createdAt", void 0);
exports.IdempotencyRecordEntity = IdempotencyRecordEntity = __decorate([
    (0, typeorm_1.Entity)('idempotency_record')
], IdempotencyRecordEntity);
//# sourceMappingURL=idempotency-record.entity.js.map