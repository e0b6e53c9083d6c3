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
exports.PatientRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
let PatientRepository = class PatientRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    insert(tx, patient) {
        return tx.getRepository(entities_1.PatientEntity).save(tx.getRepository(entities_1.PatientEntity).create(patient));
    }
    pseudonymTaken(tx, pseudonym) {
        return tx.getRepository(entities_1.PatientEntity).existsBy({ pseudonym });
    }
    findForUser(userId, patientId, tx = this.db.manager) {
        return tx
            .getRepository(entities_1.PatientEntity)
            .createQueryBuilder('p')
            .innerJoin('care_team_member', 'm', 'm.care_team_id = p.care_team_id AND m.user_id = :userId', { userId })
            .where('p.id = :patientId', { patientId })
            .getOne();
    }
    async pageForUser(userId, opts) {
        const qb = this.db
            .getRepository(entities_1.PatientEntity)
            .createQueryBuilder('p')
            .innerJoin('care_team_member', 'm', 'm.care_team_id = p.care_team_id AND m.user_id = :userId', { userId })
            .orderBy('p.family_name', 'ASC')
            .addOrderBy('p.given_name', 'ASC')
            .addOrderBy('p.id', 'ASC')
            .limit(opts.limit);
        if (opts.search) {
            const like = `%${opts.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
            qb.andWhere(`(p.given_name || ' ' || p.family_name ILIKE :like OR p.family_name || ' ' || p.given_name ILIKE :like OR p.mrn ILIKE :like OR p.pseudonym ILIKE :like)`, { like });
        }
        if (opts.after) {
            qb.andWhere('(p.family_name, p.given_name, p.id) > (:family, :given, :id)', { family: opts.after.familyName, given: opts.after.givenName, id: opts.after.id });
        }
        return qb.getMany();
    }
    async update(tx, id, changes) {
        await tx.getRepository(entities_1.PatientEntity).update({ id }, changes);
    }
};
exports.PatientRepository = PatientRepository;
exports.PatientRepository = PatientRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], PatientRepository);
//# sourceMappingURL=patient.repository.js.map