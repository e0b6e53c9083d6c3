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
exports.ConfigError = exports.EnvironmentVariables = void 0;
exports.loadConfig = loadConfig;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const toBool = ({ value }) => (typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value);
const toInt = ({ value }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
class EnvironmentVariables {
    NODE_ENV = 'development';
    PORT = 3000;
    DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/relieftrace';
    REDIS_URL = 'redis://127.0.0.1:6379';
    BULLMQ_PREFIX = 'relieftrace';
    ADMIN_EMAIL;
    ADMIN_PASSWORD;
    SESSION_TTL_MINUTES = 12 * 60;
    SESSION_IDLE_MINUTES = 30;
    COOKIE_SECURE = false;
    LOG_LEVEL = 'info';
    CLINIC_NAME = 'ReliefTrace Clinic';
    PUBLIC_BASE_URL = 'http://localhost:3000';
    WORKER_CONCURRENCY = 4;
}
exports.EnvironmentVariables = EnvironmentVariables;
__decorate([
    (0, class_validator_1.IsIn)(['development', 'production', 'test']),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "NODE_ENV", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(65535),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "PORT", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' }),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "DATABASE_URL", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// URL' }),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "REDIS_URL", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^[a-zA-Z0-9_:-]{1,64}$/, { message: 'BULLMQ_PREFIX may hold letters, digits, _ : - (1–64)' }),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "BULLMQ_PREFIX", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsEmail)({}, { message: 'ADMIN_EMAIL must be an e-mail address' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "ADMIN_EMAIL", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' }),
    (0, class_validator_1.MaxLength)(128),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "ADMIN_PASSWORD", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(5),
    (0, class_validator_1.Max)(24 * 60),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "SESSION_TTL_MINUTES", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(24 * 60),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "SESSION_IDLE_MINUTES", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toBool),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "COOKIE_SECURE", void 0);
__decorate([
    (0, class_validator_1.IsIn)(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "LOG_LEVEL", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(100),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "CLINIC_NAME", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^https?:\/\/\S+$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' }),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "PUBLIC_BASE_URL", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInt),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(64),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "WORKER_CONCURRENCY", void 0);
class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.problems = problems;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
function loadConfig(env = process.env) {
    const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    const config = (0, class_transformer_1.plainToInstance)(EnvironmentVariables, defined, { exposeDefaultValues: true });
    const problems = (0, class_validator_1.validateSync)(config, { whitelist: false }).flatMap((e) => Object.values(e.constraints ?? {}));
    if ((config.ADMIN_EMAIL === undefined) !== (config.ADMIN_PASSWORD === undefined)) {
        problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
    }
    if (config.NODE_ENV === 'production') {
        for (const required of ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_BASE_URL']) {
            if (!defined[required])
                problems.push(`${required} is required when NODE_ENV=production`);
        }
    }
    if (problems.length > 0)
        throw new ConfigError(problems);
    return Object.freeze(config);
}
//# sourceMappingURL=app-config.js.map