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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RedisModule = exports.RedisClient = void 0;
exports.createRedis = createRedis;
const common_1 = require("@nestjs/common");
const config_1 = require("../../config/src/index.js");
const ioredis_1 = require("ioredis");
function createRedis(url, name) {
    return new ioredis_1.Redis(url, {
        connectionName: name,
        maxRetriesPerRequest: null,
        enableOfflineQueue: true,
        connectTimeout: 5_000,
        retryStrategy: (attempt) => Math.min(200 * 2 ** attempt, 5_000) + Math.floor(Math.random() * 200),
    });
}
let RedisClient = class RedisClient {
    connection;
    constructor(config) {
        this.connection = createRedis(config.REDIS_URL, 'relieftrace');
        this.connection.on('error', () => undefined);
    }
    async ping(timeoutMs = 1_000) {
        if (this.connection.status !== 'ready')
            return false;
        const timeout = new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
        return Promise.race([this.connection.ping().then((r) => r === 'PONG').catch(() => false), timeout]);
    }
    async onApplicationShutdown() {
        await this.connection.quit().catch(() => this.connection.disconnect());
    }
};
exports.RedisClient = RedisClient;
exports.RedisClient = RedisClient = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], RedisClient);
let RedisModule = class RedisModule {
};
exports.RedisModule = RedisModule;
exports.RedisModule = RedisModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({ providers: [RedisClient], exports: [RedisClient] })
], RedisModule);
//# sourceMappingURL=redis.module.js.map