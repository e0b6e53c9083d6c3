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
exports.SessionRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
let SessionRepository = class SessionRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async insert(userId, tokenHash, expiresAt, now) {
        return this.db.getRepository(entities_1.SessionEntity).save({ userId, tokenHash, expiresAt, lastSeenAt: now });
    }
    async touch(tokenHash, now, idleMs) {
        const rows = await this.db.query(`UPDATE session SET last_seen_at = $2
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $2::timestamptz - make_interval(secs => $3::float8 / 1000)
        RETURNING id, user_id, expires_at`, [tokenHash, now, idleMs]).then((r) => (Array.isArray(r[0]) ? r[0] : r));
        const row = rows[0];
        return row ? { id: row.id, userId: row.user_id, expiresAt: row.expires_at } : null;
    }
    async revoke(id, now) {
        await this.db.getRepository(entities_1.SessionEntity).update({ id, revokedAt: (0, typeorm_1.IsNull)() }, { revokedAt: now });
    }
};
exports.SessionRepository = SessionRepository;
exports.SessionRepository = SessionRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], SessionRepository);
//# sourceMappingURL=session.repository.js.map