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
exports.PainScoreRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
let PainScoreRepository = class PainScoreRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    insert(tx, score) {
        return tx.getRepository(entities_1.PainScoreEntity).save(tx.getRepository(entities_1.PainScoreEntity).create(score));
    }
    async insertMany(tx, scores) {
        const chunk = 1000;
        for (let i = 0; i < scores.length; i += chunk) {
            await tx.createQueryBuilder().insert().into(entities_1.PainScoreEntity).values(scores.slice(i, i + chunk)).updateEntity(false).execute();
        }
        return scores.length;
    }
    listForPatient(patientId, range = {}) {
        const qb = this.db.getRepository(entities_1.PainScoreEntity).createQueryBuilder('s').where('s.patient_id = :patientId', { patientId });
        if (range.from)
            qb.andWhere('s.recorded_at >= :from', { from: range.from });
        if (range.to)
            qb.andWhere('s.recorded_at <= :to', { to: range.to });
        return qb.orderBy('s.recorded_at', 'ASC').addOrderBy('s.id', 'ASC').getMany();
    }
};
exports.PainScoreRepository = PainScoreRepository;
exports.PainScoreRepository = PainScoreRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], PainScoreRepository);
//# sourceMappingURL=pain-score.repository.js.map