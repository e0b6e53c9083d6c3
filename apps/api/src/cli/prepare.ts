import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@app/config';
import { AppModule } from '../app.module';
import { UserService } from '../users/user.service';
import { seedDemo } from './demo-seed';
import { prepareDatabase } from './prepare-database';

/**
 * `npm run prepare:db [-- --demo]`: create the database if needed, migrate, bootstrap the first admin,
 * and optionally load the demo cohort. Safe to run on every start.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(`[prepare] ${line}`);
  await prepareDatabase(config, log);
  const app = await NestFactory.createApplicationContext(AppModule.forConfig(config), { logger: ['error', 'warn'] });
  try {
    const admin = await app.get(UserService).bootstrapAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    if (admin === 'created') log(`created admin ${config.ADMIN_EMAIL}`);
    if (process.argv.includes('--demo')) {
      const result = await seedDemo(app);
      log(result.created ? `demo cohort loaded: ${result.patients} patients` : 'demo cohort already present');
      for (const login of result.logins) log(`demo login  ${login.email.padEnd(22)} ${login.password}  (${login.role})`);
    }
    log(`ready — open ${config.PUBLIC_BASE_URL} (API docs: ${config.PUBLIC_BASE_URL}/api/docs)`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
