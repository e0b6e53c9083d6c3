"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createDataSource = createDataSource;
exports.ensureDatabaseExists = ensureDatabaseExists;
const pg_1 = require("pg");
const typeorm_1 = require("typeorm");
const migrations_1 = require("../../../migrations");
const entities_1 = require("./entities");
function createDataSource(url, options = {}) {
    return new typeorm_1.DataSource({
        type: 'postgres',
        url,
        entities: entities_1.ENTITIES,
        migrations: migrations_1.MIGRATIONS,
        synchronize: false,
        migrationsRun: false,
        migrationsTransactionMode: 'each',
        poolSize: options.poolSize ?? 10,
        applicationName: options.applicationName ?? 'relieftrace',
        extra: { connectionTimeoutMillis: 5_000, statement_timeout: 30_000 },
    });
}
async function ensureDatabaseExists(url) {
    const target = new URL(url);
    const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
    if (!/^[a-zA-Z0-9_]+$/.test(name))
        throw new Error(`database name "${name}" may hold only letters, digits and _`);
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const client = new pg_1.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (rowCount)
            return false;
        await client.query(`CREATE DATABASE "${name}"`);
        return true;
    }
    finally {
        await client.end();
    }
}
//# sourceMappingURL=database.js.map