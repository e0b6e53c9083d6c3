"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PersistenceModule = exports.TransactionRunner = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const config_1 = require("../../config/src/index.js");
const database_1 = require("./database");
const repositories = __importStar(require("./repositories"));
let TransactionRunner = class TransactionRunner {
    db;
    constructor(db) {
        this.db = db;
    }
    run(work) {
        return this.db.transaction(work);
    }
};
exports.TransactionRunner = TransactionRunner;
exports.TransactionRunner = TransactionRunner = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], TransactionRunner);
let DataSourceCloser = class DataSourceCloser {
    db;
    constructor(db) {
        this.db = db;
    }
    async onApplicationShutdown() {
        if (this.db.isInitialized)
            await this.db.destroy();
    }
};
DataSourceCloser = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], DataSourceCloser);
const dataSourceProvider = {
    provide: typeorm_1.DataSource,
    inject: [config_1.APP_CONFIG],
    useFactory: async (config) => (0, database_1.createDataSource)(config.DATABASE_URL, { poolSize: 10 }).initialize(),
};
const repositoryProviders = [
    repositories.AuditRepository, repositories.IdempotencyRepository, repositories.InterventionRepository, repositories.OutboxRepository,
    repositories.PainScoreRepository, repositories.PatientRepository, repositories.SessionRepository, repositories.UserRepository, repositories.VisitRepository,
];
let PersistenceModule = class PersistenceModule {
};
exports.PersistenceModule = PersistenceModule;
exports.PersistenceModule = PersistenceModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({
        providers: [dataSourceProvider, TransactionRunner, DataSourceCloser, ...repositoryProviders],
        exports: [typeorm_1.DataSource, TransactionRunner, ...repositoryProviders],
    })
], PersistenceModule);
//# sourceMappingURL=persistence.module.js.map