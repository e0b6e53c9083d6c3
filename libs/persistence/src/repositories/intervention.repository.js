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
exports.InterventionRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
let InterventionRepository = class InterventionRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    insert(tx, intervention) {
        return tx.getRepository(entities_1.InterventionEntity).save(tx.getRepository(entities_1.InterventionEntity).create(intervention));
    }
    listForPatient(patientId) {
        return this.db.getRepository(entities_1.InterventionEntity).find({ where: { patientId }, order: { performedAt: 'ASC' } });
    }
    findOne(patientId, id, tx = this.db.manager) {
        return tx.getRepository(entities_1.InterventionEntity).findOneBy({ patientId, id });
    }
    async update(tx, id, changes) {
        await tx.getRepository(entities_1.InterventionEntity).update({ id }, changes);
    }
    async delete(tx, id) {
        await tx.getRepository(entities_1.InterventionEntity).delete({ id });
    }
};
exports.InterventionRepository = InterventionRepository;
exports.InterventionRepository = InterventionRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], InterventionRepository);
//# sourceMappingURL=intervention.repository.js.map