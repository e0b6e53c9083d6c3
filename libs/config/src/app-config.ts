import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';
import { DEV_INSECURE_PII_INDEX_KEY, DEV_INSECURE_PII_KEYS, piiKeyProblems } from './pii-keys';

const toBool = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

/** The audit chain key outside production only; loadConfig refuses it when NODE_ENV=production. */
export const DEV_AUDIT_CHAIN_KEY = 'dev-only-audit-chain-key-not-for-production';

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
  /** Texts one patient may receive in any 24 hours; a cap on cost abuse (a diagnostic-injection day needs about 7). */
  @Transform(toInt) @IsInt() @Min(1) @Max(100) SMS_DAILY_CAP_PER_PATIENT = 12;
  /** Sign-in attempts one IP address may make per minute (accounts also lock after repeated failures). */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000) LOGIN_RATE_LIMIT_PER_MINUTE = 10;
  /** Requests per minute one IP address may send to the SMS webhooks. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000) WEBHOOK_RATE_LIMIT_PER_MINUTE = 600;
  /** Browser origins allowed to call the API cross-origin (comma-separated); none unless set. */
  @IsOptional() @Matches(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, { message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins' }) CORS_ORIGINS?: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(64) WORKER_CONCURRENCY = 16;
  /**
   * A patient's analyst aggregates are rewritten at most this often (a patient without any is written at once):
   * under a steady stream of scores this folds many recomputes into one refresh instead of one per recompute.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000) ANALYTICS_REFRESH_MIN_AGE_MS = 300_000;
  /** Postgres connections each api or worker process may hold (their sum over all replicas must stay under max_connections). */
  @Transform(toInt) @IsInt() @Min(1) @Max(200) DB_POOL_SIZE = 10;
  /** An outbox row enqueued this long ago and still not done is re-enqueued (its job may have vanished with Redis). */
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) OUTBOX_SWEEP_AFTER_MS = 15_000;
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) OUTBOX_SWEEP_INTERVAL_MS = 5_000;
  /**
   * Done outbox rows are deleted once this old (at each sweep): one row per change would otherwise grow the table by
   * every score ever posted. The audit log, not the outbox, is the record of what was recomputed.
   */
  @Transform(toInt) @IsInt() @Min(1_000) @Max(90 * 86_400_000) OUTBOX_KEEP_DONE_MS = 86_400_000;
  /** A job's lock in BullMQ (renewed while it runs): a worker killed mid-job hands the job back after at most about twice this. */
  @Transform(toInt) @IsInt() @Min(1_000) @Max(600_000) JOB_LOCK_DURATION_MS = 30_000;
  // SMS pain diary. "console" keeps messages in a development outbox page and is refused in production;
  // "none" sends nothing (the production default until Twilio is configured).
  @IsOptional() @IsIn(['console', 'twilio', 'none'], { message: 'SMS_PROVIDER must be console, twilio or none' }) SMS_PROVIDER?: 'console' | 'twilio' | 'none';
  @IsOptional() @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits' }) TWILIO_ACCOUNT_SID?: string;
  @IsOptional() @IsString() @MinLength(8, { message: 'TWILIO_AUTH_TOKEN must be at least 8 characters' }) TWILIO_AUTH_TOKEN?: string;
  @IsOptional() @Matches(/^\+[1-9][0-9]{6,14}$/, { message: 'TWILIO_FROM must be an E.164 number such as +14155550100' }) TWILIO_FROM?: string;
  @IsOptional() @Matches(/^MG[0-9a-fA-F]{32}$/, { message: 'TWILIO_MESSAGING_SERVICE_SID must look like MG followed by 32 hex digits' }) TWILIO_MESSAGING_SERVICE_SID?: string;
  /** How often the worker's job scheduler looks for due prompts. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) SMS_DISPATCH_INTERVAL_MS = 15_000;
  /** One reminder this long after an unanswered prompt (skipped when the link expires before it is useful). */
  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 60) SMS_REMINDER_AFTER_MINUTES = 120;
  /** A prompt left in 'sending' this long (the worker died mid-send) is marked 'unknown' and never re-sent blindly. */
  @Transform(toInt) @IsInt() @Min(1_000) @Max(3_600_000) SMS_SENDING_TIMEOUT_MS = 120_000;
  /** A provider call that has not answered in this long counts as ambiguous: the prompt becomes 'unknown', never re-sent. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) SMS_PROVIDER_TIMEOUT_MS = 30_000;
  /** Requests per minute one IP address may make to patient survey links (/s/:token). */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000) SMS_LINK_RATE_LIMIT_PER_MINUTE = 30;
  // Patient identifiers at rest (see pii-keys.ts): AES-256-GCM keys as "id:base64,id:base64", the id new values
  // use, and the blind-index HMAC key. The defaults are public development keys, refused in production.
  @IsString() PII_KEYS: string = DEV_INSECURE_PII_KEYS;
  @IsOptional() @IsString() PII_ACTIVE_KEY_ID?: string;
  @IsString() PII_INDEX_KEY: string = DEV_INSECURE_PII_INDEX_KEY;
  // Audit trail (docs/audit-trail.md). The HMAC key of the audit hash chain; never stored in the database.
  @IsString() @MinLength(32, { message: 'AUDIT_CHAIN_KEY must be at least 32 characters' }) @MaxLength(512) AUDIT_CHAIN_KEY = DEV_AUDIT_CHAIN_KEY;
  /** How often the worker's job scheduler seals new audit rows into the chain. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) AUDIT_SEAL_INTERVAL_MS = 5_000;
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
  checkSmsSettings(config, problems);
  problems.push(...piiKeyProblems(config, { PII_KEYS: Boolean(defined.PII_KEYS), PII_INDEX_KEY: Boolean(defined.PII_INDEX_KEY) }));
  if (config.NODE_ENV === 'production' && (!defined.AUDIT_CHAIN_KEY || config.AUDIT_CHAIN_KEY === DEV_AUDIT_CHAIN_KEY)) {
    problems.push('AUDIT_CHAIN_KEY is required when NODE_ENV=production (a random secret of at least 32 characters, kept out of the database)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** The effective SMS provider: console in development and tests, none in production unless one is chosen. */
export function smsProviderOf(config: AppConfig): 'console' | 'twilio' | 'none' {
  return config.SMS_PROVIDER ?? (config.NODE_ENV === 'production' ? 'none' : 'console');
}

function checkSmsSettings(config: EnvironmentVariables, problems: string[]): void {
  const provider = smsProviderOf(config);
  if (provider === 'console' && config.NODE_ENV === 'production') {
    problems.push('SMS_PROVIDER=console is for development (it keeps message links in a page); use twilio or none in production');
  }
  if (provider === 'twilio') {
    if (!config.TWILIO_ACCOUNT_SID) problems.push('TWILIO_ACCOUNT_SID is required when SMS_PROVIDER=twilio');
    if (!config.TWILIO_AUTH_TOKEN) problems.push('TWILIO_AUTH_TOKEN is required when SMS_PROVIDER=twilio');
    if (!config.TWILIO_FROM === !config.TWILIO_MESSAGING_SERVICE_SID) {
      problems.push('set exactly one of TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID when SMS_PROVIDER=twilio');
    }
  }
}
