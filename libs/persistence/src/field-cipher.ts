import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { ValueTransformer } from 'typeorm';
import { piiKeyringOf, type PiiKeyring, type PiiKeySettings } from '@app/config';

/**
 * Field-level encryption of patient identifiers (AES-256-GCM, Node's crypto) and their blind indexes.
 *
 * A stored value is `v1:<key id>:<iv base64>:<ciphertext+tag base64>`: a fresh random 96-bit IV per value,
 * and the column name bound in as additional authenticated data, so a value copied into another column (or
 * edited in place) fails to decrypt instead of showing the wrong identifier. The key id picks the key, which
 * is how `npm run pii:rotate` moves rows to a new key while old ones stay readable.
 *
 * A blind index is HMAC-SHA256 under a separate key over a normalised value: equal phones (or MRNs) give
 * equal indexes, so the database can find them without ever holding them in clear.
 */
export const SEALED_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED = /^v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]+={0,2}):([A-Za-z0-9+/]*={0,2})$/;

export type BlindIndexKind = 'phone' | 'mrn';

export class FieldCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldCipherError';
  }
}

/** Phones compare in E.164: spaces, dots, dashes and brackets dropped; "00" before the country code read as "+". */
export function normalisePhone(phone: string): string {
  const compact = phone.trim().replace(/[\s().-]/g, '');
  return compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
}

/** MRNs compare trimmed and upper-cased (clinicians type them in either case). */
export function normaliseMrn(mrn: string): string {
  return mrn.trim().toUpperCase();
}

export class FieldCipher {
  constructor(private readonly keyring: PiiKeyring) {}

  static fromConfig(config: PiiKeySettings): FieldCipher {
    return new FieldCipher(piiKeyringOf(config));
  }

  get activeKeyId(): string {
    return this.keyring.activeKeyId;
  }

  /** Encrypts under the active key, bound to `column` (e.g. "patient.given_name"). */
  encrypt(column: string, plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.keys.get(this.keyring.activeKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(column));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${SEALED_VERSION}:${this.keyring.activeKeyId}:${iv.toString('base64')}:${body.toString('base64')}`;
  }

  decrypt(column: string, sealed: string): string {
    const match = SEALED.exec(sealed);
    if (!match) throw new FieldCipherError(`${column} does not hold an encrypted value (clear text in an encrypted column?)`);
    const [, keyId, ivText, bodyText] = match;
    const key = this.keyring.keys.get(keyId);
    if (!key) {
      throw new FieldCipherError(`${column} was encrypted under key id "${keyId}", which PII_KEYS does not hold; keep old keys in PII_KEYS until \`npm run pii:rotate\` has moved every row to the active key`);
    }
    const iv = Buffer.from(ivText, 'base64');
    const body = Buffer.from(bodyText, 'base64');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new FieldCipherError(`${column} holds a malformed encrypted value`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(column));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCipherError(`${column} failed authentication: the value was altered, moved from another column, or the key "${keyId}" is wrong`);
    }
  }

  /** The key id of an encrypted value, or null when the value is not in the encrypted format. */
  static keyIdOf(value: string): string | null {
    return SEALED.exec(value)?.[1] ?? null;
  }

  blindIndex(kind: BlindIndexKind, value: string): Buffer {
    const normalised = kind === 'phone' ? normalisePhone(value) : normaliseMrn(value);
    return createHmac('sha256', this.keyring.indexKey).update(`relieftrace:${kind}:${normalised}`, 'utf8').digest();
  }

  blindIndexOrNull(kind: BlindIndexKind, value: string | null | undefined): Buffer | null {
    return value === null || value === undefined ? null : this.blindIndex(kind, value);
  }
}

function aad(column: string): Buffer {
  return Buffer.from(`relieftrace:${SEALED_VERSION}:${column}`, 'utf8');
}

// ── the cipher the entity column transformers use ───────────────────────────────────────────────────────

let installed: FieldCipher | null = null;

/**
 * Makes `cipher` the one the encrypted entity columns use. Entity metadata is process-wide in TypeORM, so the
 * cipher is too: one keyring per process (PersistenceModule installs it from the config at start-up).
 */
export function installFieldCipher(cipher: FieldCipher): void {
  installed = cipher;
}

function current(): FieldCipher {
  if (!installed) throw new FieldCipherError('patient identifiers are encrypted but no field cipher is configured (PersistenceModule installs it from PII_KEYS)');
  return installed;
}

/** A TypeORM transformer that keeps `column` encrypted in the database and in clear in the entity. */
export function encryptedColumn(column: string): ValueTransformer {
  return {
    to: (value: unknown) => (value === null || value === undefined ? value : current().encrypt(column, String(value))),
    from: (value: unknown) => (value === null || value === undefined ? value : current().decrypt(column, String(value))),
  };
}
