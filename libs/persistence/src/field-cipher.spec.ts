import { randomBytes } from 'node:crypto';
import { encryptedColumn, FieldCipher, FieldCipherError, installFieldCipher, normaliseMrn, normalisePhone } from './field-cipher';

const key = () => randomBytes(32).toString('base64');
const k1 = key();
const k2 = key();
const indexKey = key();
const cipherWith = (keys: string, active?: string, index = indexKey) =>
  FieldCipher.fromConfig({ NODE_ENV: 'test', PII_KEYS: keys, PII_ACTIVE_KEY_ID: active, PII_INDEX_KEY: index });

describe(FieldCipher.name, () => {
  const cipher = cipherWith(`k1:${k1}`);

  it('should round-trip text, including empty and non-ASCII text, as v1:<key id>:<iv>:<ciphertext>', () => {
    for (const plain of ['Hernández', "O'Connor", '1958-03-14', '+12025550101', '', 'Zoë 🦵']) {
      const sealed = cipher.encrypt('patient.given_name', plain);
      expect(sealed).toMatch(/^v1:k1:[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2}$/);
      expect(sealed).not.toContain(plain || '\u0000');
      expect(cipher.decrypt('patient.given_name', sealed)).toBe(plain);
    }
  });

  it('should use a fresh IV each time, so equal values do not look equal', () => {
    const a = cipher.encrypt('patient.family_name', 'Tanaka');
    const b = cipher.encrypt('patient.family_name', 'Tanaka');
    expect(a).not.toBe(b);
    expect(a.split(':')[2]).not.toBe(b.split(':')[2]);
    expect(Buffer.from(a.split(':')[2], 'base64')).toHaveLength(12);
  });

  it('should refuse a tampered value', () => {
    const sealed = cipher.encrypt('patient.phone', '+14155550123');
    const [v, id, iv, body] = sealed.split(':');
    const bytes = Buffer.from(body, 'base64');
    bytes[0] ^= 1;
    expect(() => cipher.decrypt('patient.phone', [v, id, iv, bytes.toString('base64')].join(':'))).toThrow(FieldCipherError);
    const tag = Buffer.from(body, 'base64');
    tag[tag.length - 1] ^= 1;
    expect(() => cipher.decrypt('patient.phone', [v, id, iv, tag.toString('base64')].join(':'))).toThrow(/failed authentication/);
    const otherIv = randomBytes(12).toString('base64');
    expect(() => cipher.decrypt('patient.phone', [v, id, otherIv, body].join(':'))).toThrow(/failed authentication/);
  });

  it('should bind a value to its column (a value moved to another column does not decrypt)', () => {
    const mrn = cipher.encrypt('patient.mrn', 'MRN-1');
    expect(() => cipher.decrypt('patient.given_name', mrn)).toThrow(/patient\.given_name failed authentication/);
  });

  it('should name an unknown key id clearly, and decrypt old keys while encrypting under the active one', () => {
    const old = cipher.encrypt('patient.mrn', 'MRN-7');
    const onlyK2 = cipherWith(`k2:${k2}`);
    expect(() => onlyK2.decrypt('patient.mrn', old)).toThrow(/key id "k1", which PII_KEYS does not hold/);
    const both = cipherWith(`k2:${k2},k1:${k1}`, 'k2');
    expect(both.decrypt('patient.mrn', old)).toBe('MRN-7');
    expect(FieldCipher.keyIdOf(both.encrypt('patient.mrn', 'MRN-7'))).toBe('k2');
  });

  it('should refuse clear text and malformed values, never echoing them', () => {
    expect(() => cipher.decrypt('patient.family_name', 'Delgado')).toThrow(/does not hold an encrypted value/);
    try {
      cipher.decrypt('patient.family_name', 'Delgado');
    } catch (error) {
      expect(String(error)).not.toContain('Delgado');
    }
    expect(() => cipher.decrypt('patient.family_name', 'v1:k1:AAAA:AAAA')).toThrow(/malformed/);
    expect(FieldCipher.keyIdOf('Delgado')).toBeNull();
  });

  it('should give equal blind indexes for equal normalised values, and depend on the kind and the index key', () => {
    const a = cipher.blindIndex('phone', '+1 (415) 555-0123');
    expect(a).toHaveLength(32);
    expect(a.equals(cipher.blindIndex('phone', '+14155550123'))).toBe(true);
    expect(a.equals(cipher.blindIndex('phone', '+14155550124'))).toBe(false);
    expect(cipher.blindIndex('mrn', ' mrn-1 ').equals(cipher.blindIndex('mrn', 'MRN-1'))).toBe(true);
    expect(cipher.blindIndex('mrn', '+14155550123').equals(cipher.blindIndex('phone', '+14155550123'))).toBe(false);
    expect(cipherWith(`k1:${k1}`, undefined, key()).blindIndex('phone', '+14155550123').equals(a)).toBe(false);
    expect(cipher.blindIndexOrNull('phone', null)).toBeNull();
  });

  it('should normalise phones to E.164 and MRNs to trimmed upper case', () => {
    expect(normalisePhone(' +49 (30) 1234-567 ')).toBe('+49301234567');
    expect(normalisePhone('0049301234567')).toBe('+49301234567');
    expect(normaliseMrn('  ab-12 ')).toBe('AB-12');
  });

  it('should give entity columns a transformer that encrypts on write and decrypts on read with the installed cipher', () => {
    installFieldCipher(cipher);
    const column = encryptedColumn('patient.given_name');
    const stored = column.to('Rosa');
    expect(stored).toMatch(/^v1:k1:/);
    expect(column.from(stored)).toBe('Rosa');
    expect(column.to(null)).toBeNull();
    expect(column.from(null)).toBeNull();
    expect(() => encryptedColumn('patient.family_name').from(stored)).toThrow(FieldCipherError);
  });
});
