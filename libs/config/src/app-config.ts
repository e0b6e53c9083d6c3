import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

/** Every environment variable the processes read. Nothing outside this file reads process.env. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test']) NODE_ENV: 'development' | 'production' | 'test' = 'development';
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/relieftrace';
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// URL' }) REDIS_URL = 'redis://127.0.0.1:6379';
  /** BullMQ key prefix; lets several stacks (or test files) share one Redis without seeing each other's jobs. */
  @Matches(/^[a-zA-Z0-9_:-]{1,64}$/, { message: 'BULLMQ_PREFIX may hold letters, digits, _ : - (1–64)' }) BULLMQ_PREFIX = 'relieftrace';
  @IsOptional() @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' }) ADMIN_EMAIL?: string;
  @IsOptional() @IsString() @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' }) @MaxLength(128) ADMIN_PASSWORD?: string;
  @Transform(toInt) @IsInt() @Min(5) @Max(24 * 60) SESSION_TTL_MINUTES = 12 * 60;
  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 60) SESSION_IDLE_MINUTES = 30;
  @Transform(toBool) @IsBoolean() COOKIE_SECURE = false;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  @IsString() @MinLength(1) @MaxLength(100) CLINIC_NAME = 'ReliefTrace Clinic';
  @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' }) PUBLIC_BASE_URL = 'http://localhost:3000';
  @Transform(toInt) @IsInt() @Min(1) @Max(64) WORKER_CONCURRENCY = 4;
  /** An outbox row enqueued this long ago and still not done is re-enqueued (its job may have vanished with Redis). */
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) OUTBOX_SWEEP_AFTER_MS = 15_000;
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) OUTBOX_SWEEP_INTERVAL_MS = 5_000;
}

export type AppConfig = Readonly<EnvironmentVariables>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; throws a ConfigError naming every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const problems = validateSync(config, { whitelist: false }).flatMap((e) => Object.values(e.constraints ?? {}));
  if ((config.ADMIN_EMAIL === undefined) !== (config.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (config.NODE_ENV === 'production') {
    for (const required of ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_BASE_URL'] as const) {
      if (!defined[required]) problems.push(`${required} is required when NODE_ENV=production`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
