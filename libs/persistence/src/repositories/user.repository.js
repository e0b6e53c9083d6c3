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
exports.UserRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
let UserRepository = class UserRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    count() {
        return this.db.getRepository(entities_1.UserEntity).count();
    }
    findCredentials(email) {
        return this.db.getRepository(entities_1.UserEntity).createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email: email.toLowerCase() }).getOne();
    }
    async findWithTeams(id) {
        const user = await this.db.getRepository(entities_1.UserEntity).findOneBy({ id });
        if (!user)
            return null;
        const memberships = await this.db.getRepository(entities_1.CareTeamMemberEntity).findBy({ userId: id });
        return { id: user.id, email: user.email, name: user.name, role: user.role, disabledAt: user.disabledAt, careTeamIds: memberships.map((m) => m.careTeamId) };
    }
    list() {
        return this.db.getRepository(entities_1.UserEntity).find({ order: { createdAt: 'ASC' } });
    }
    emailExists(email, tx = this.db.manager) {
        return tx.getRepository(entities_1.UserEntity).existsBy({ email: email.toLowerCase() });
    }
    insert(tx, user) {
        return tx.getRepository(entities_1.UserEntity).save(tx.getRepository(entities_1.UserEntity).create({ ...user, email: user.email.toLowerCase() }));
    }
    createTeam(tx, name) {
        return tx.getRepository(entities_1.CareTeamEntity).save(tx.getRepository(entities_1.CareTeamEntity).create({ name }));
    }
    listTeams() {
        return this.db.query(`SELECT t.id, t.name, t.created_at AS "createdAt", coalesce(array_agg(m.user_id) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS "memberIds"
         FROM care_team t LEFT JOIN care_team_member m ON m.care_team_id = t.id GROUP BY t.id ORDER BY t.created_at`);
    }
    teamExists(id, tx = this.db.manager) {
        return tx.getRepository(entities_1.CareTeamEntity).existsBy({ id });
    }
    async addMember(tx, careTeamId, userId) {
        await tx.getRepository(entities_1.CareTeamMemberEntity).upsert({ careTeamId, userId }, ['careTeamId', 'userId']);
    }
};
exports.UserRepository = UserRepository;
exports.UserRepository = UserRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], UserRepository);
//# sourceMappingURL=user.repository.js.map