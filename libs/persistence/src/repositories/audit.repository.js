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
exports.AuditRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
let AuditRepository = class AuditRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async append(tx, entries) {
        if (entries.length === 0)
            return;
        await tx.createQueryBuilder().insert().into(entities_1.AuditLogEntity).values(entries.map((e) => ({ ...e, details: e.details ?? {} }))).updateEntity(false).execute();
    }
    listForPatient(patientId) {
        return this.db.getRepository(entities_1.AuditLogEntity).find({ where: { patientId }, order: { id: 'ASC' } });
    }
};
exports.AuditRepository = AuditRepository;
exports.AuditRepository = AuditRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], AuditRepository);
//# sourceMappingURL=audit.repository.js.map