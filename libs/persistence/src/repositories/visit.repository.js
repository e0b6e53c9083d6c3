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
exports.VisitRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
let VisitRepository = class VisitRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    insert(tx, visit) {
        return tx.getRepository(entities_1.VisitEntity).save(tx.getRepository(entities_1.VisitEntity).create(visit));
    }
    listForPatient(patientId) {
        return this.db.getRepository(entities_1.VisitEntity).find({ where: { patientId }, order: { occurredAt: 'ASC' } });
    }
    findOne(patientId, id, tx = this.db.manager) {
        return tx.getRepository(entities_1.VisitEntity).findOneBy({ patientId, id });
    }
    async update(tx, id, changes) {
        await tx.getRepository(entities_1.VisitEntity).update({ id }, changes);
    }
    async delete(tx, id) {
        await tx.getRepository(entities_1.VisitEntity).delete({ id });
    }
};
exports.VisitRepository = VisitRepository;
exports.VisitRepository = VisitRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], VisitRepository);
//# sourceMappingURL=visit.repository.js.map