/**
 * Keys that protect patient identifiers at rest (names, birth date, phone, MRN): AES-256-GCM data keys with
 * ids (so an old key can stay readable while `npm run pii:rotate` re-encrypts under a new one) and a separate
 * HMAC key for the blind indexes (phone and MRN look-ups). Parsing only; the cipher is in libs/persistence.
 * Problem messages never echo key material.
 */

/** Development/test only: fixed so a local database stays readable across restarts. Refused in production. */
export const DEV_INSECURE_PII_KEY_ID = 'dev-insecure-do-not-use';
export const DEV_INSECURE_PII_KEYS = `${DEV_INSECURE_PII_KEY_ID}:${Buffer.from('DEV-ONLY-INSECURE-PII-KEY-000001', 'utf8').toString('base64')}`;
export const DEV_INSECURE_PII_INDEX_KEY = Buffer.from('DEV-ONLY-INSECURE-PII-INDEX-KEY1', 'utf8').toString('base64');

export interface PiiKeyring {
  /** The key id every new value is encrypted under. */
  readonly activeKeyId: string;
  /** Every key id that can still be decrypted, with its 32-byte AES key. */
  readonly keys: ReadonlyMap<string, Buffer>;
  /** HMAC-SHA256 key of the blind indexes (never used for encryption). */
  readonly indexKey: Buffer;
}

export interface PiiKeySettings {
  NODE_ENV: string;
  PII_KEYS: string;
  PII_ACTIVE_KEY_ID?: string;
  PII_INDEX_KEY: string;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HOW_TO = 'generate one with `openssl rand -base64 32`';

function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  return BASE64.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
}

/** Every problem with the key settings (empty when they are usable), without ever quoting a key. */
export function piiKeyProblems(settings: PiiKeySettings, explicitlySet: { PII_KEYS: boolean; PII_INDEX_KEY: boolean }): string[] {
  const problems: string[] = [];
  const keys = new Map<string, Buffer>();
  const entries = settings.PII_KEYS.split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) problems.push(`PII_KEYS must list at least one key as "<key id>:<base64 32-byte key>" (${HOW_TO})`);
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    if (!KEY_ID.test(id)) {
      problems.push(`PII_KEYS entry ${i + 1} must look like "<key id>:<base64 key>" with a key id of letters, digits, _ or - (1–32)`);
      return;
    }
    if (keys.has(id)) {
      problems.push(`PII_KEYS lists key id "${id}" twice`);
      return;
    }
    const key = decodeKey(entry.slice(colon + 1));
    if (!key || key.length !== 32) {
      problems.push(`PII_KEYS key "${id}" must be 32 bytes in base64 (${HOW_TO})`);
      return;
    }
    keys.set(id, key);
  });
  const active = settings.PII_ACTIVE_KEY_ID ?? (entries.length === 1 ? [...keys.keys()][0] : undefined);
  if (active === undefined) {
    if (entries.length > 1) problems.push('PII_ACTIVE_KEY_ID is required when PII_KEYS lists several keys (it names the key new values are encrypted under)');
  } else if (!keys.has(active) && problems.length === 0) {
    problems.push(`PII_ACTIVE_KEY_ID "${active}" is not one of the key ids in PII_KEYS`);
  }
  const indexKey = decodeKey(settings.PII_INDEX_KEY);
  if (!indexKey || indexKey.length < 32) problems.push(`PII_INDEX_KEY must be at least 32 bytes in base64 (${HOW_TO})`);
  else if ([...keys.values()].some((k) => k.equals(indexKey))) problems.push('PII_INDEX_KEY must differ from every key in PII_KEYS');

  if (settings.NODE_ENV === 'production') {
    if (!explicitlySet.PII_KEYS) problems.push(`PII_KEYS is required when NODE_ENV=production (${HOW_TO}; keep it out of the database and its backups)`);
    else if (keys.has(DEV_INSECURE_PII_KEY_ID) || [...keys.values()].some((k) => k.equals(decodeKey(DEV_INSECURE_PII_KEYS.split(':')[1])!))) {
      problems.push('PII_KEYS holds the built-in development key, which is public; it is refused when NODE_ENV=production');
    }
    if (!explicitlySet.PII_INDEX_KEY) problems.push(`PII_INDEX_KEY is required when NODE_ENV=production (${HOW_TO})`);
    else if (indexKey && indexKey.equals(decodeKey(DEV_INSECURE_PII_INDEX_KEY)!)) {
      problems.push('PII_INDEX_KEY is the built-in development key, which is public; it is refused when NODE_ENV=production');
    }
  }
  return problems;
}

/** The keyring of already validated settings (loadConfig refuses unusable ones before this is called). */
export function piiKeyringOf(settings: PiiKeySettings): PiiKeyring {
  // Production-only rules (no development key) are loadConfig's; here only whether the keys are usable.
  const problems = piiKeyProblems({ ...settings, NODE_ENV: 'development' }, { PII_KEYS: true, PII_INDEX_KEY: true });
  if (problems.length > 0) throw new Error(`Invalid PII key settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const keys = new Map<string, Buffer>();
  for (const entry of settings.PII_KEYS.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const colon = entry.indexOf(':');
    keys.set(entry.slice(0, colon), decodeKey(entry.slice(colon + 1))!);
  }
  const activeKeyId = settings.PII_ACTIVE_KEY_ID ?? [...keys.keys()][0];
  return Object.freeze({ activeKeyId, keys, indexKey: decodeKey(settings.PII_INDEX_KEY)! });
}
