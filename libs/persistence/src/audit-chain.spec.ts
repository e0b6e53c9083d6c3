import { createHmac } from 'node:crypto';
import { type AuditContentRow, canonicalJson, chainHash, contentOf, GENESIS_HASH, headMac, sealRows } from './audit-chain';

const KEY = 'unit-test-audit-chain-key-0123456789';

const row = (id: string, over: Partial<AuditContentRow> = {}): AuditContentRow => ({
  seq: null, id, occurred_at: '2026-01-02T03:04:05.123456Z', actor_user_id: '6f1c1d8e-1111-4222-8333-944455556666', actor_kind: 'clinician',
  action: 'patient.read', resource_type: 'patient', resource_id: 'r1', patient_id: '0a0b0c0d-1111-4222-8333-944455556666', request_id: 'req-1',
  details: { b: 1, a: ['x', 'y'] }, ...over,
});

describe('canonicalJson', () => {
  it('should sort keys at every depth and write no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('should escape strings as JSON does, so no content can imitate structure', () => {
    expect(canonicalJson({ k: 'a","b":"c' })).toBe('{"k":"a\\",\\"b\\":\\"c"}');
    expect(canonicalJson('é\u0000\n')).toBe('"é\\u0000\\n"');
    expect(canonicalJson({ 'a"b': true })).toBe('{"a\\"b":true}');
  });

  it('should keep array order and tell apart values JSON.stringify would blur', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    expect(canonicalJson('1')).not.toBe(canonicalJson(1));
  });

  it('should refuse values without a single JSON form', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(Infinity)).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson(new Date())).toThrow(TypeError);
  });
});

describe('chain maths', () => {
  it('should be HMAC-SHA256(key, prev_hash || canonical JSON of the content)', () => {
    const content = contentOf(row('7'), '1');
    const expected = createHmac('sha256', KEY).update(Buffer.concat([GENESIS_HASH, Buffer.from(canonicalJson(content))])).digest();
    expect(chainHash(KEY, GENESIS_HASH, content).equals(expected)).toBe(true);
    expect(canonicalJson(content)).toBe(
      '{"action":"patient.read","actorKind":"clinician","actorUserId":"6f1c1d8e-1111-4222-8333-944455556666","details":{"a":["x","y"],"b":1},' +
        '"id":"7","occurredAt":"2026-01-02T03:04:05.123456Z","patientId":"0a0b0c0d-1111-4222-8333-944455556666","requestId":"req-1",' +
        '"resourceId":"r1","resourceType":"patient","seq":"1"}',
    );
  });

  it('should chain consecutive seq numbers after the head, each over the previous hash', () => {
    const links = sealRows(KEY, { seq: '41', hash: GENESIS_HASH }, [row('100'), row('101'), row('105')]);
    expect(links.map((l) => l.seq)).toEqual(['42', '43', '44']);
    expect(links[0].prevHash.equals(GENESIS_HASH)).toBe(true);
    expect(links[1].prevHash.equals(links[0].hash)).toBe(true);
    expect(links[2].prevHash.equals(links[1].hash)).toBe(true);
    expect(links[2].hash.equals(chainHash(KEY, links[1].hash, contentOf(row('105'), '44')))).toBe(true);
  });

  it('should change the seal when any content field, the position, the predecessor or the key changes', () => {
    const base = chainHash(KEY, GENESIS_HASH, contentOf(row('1'), '1'));
    const variants = [
      chainHash(KEY, GENESIS_HASH, contentOf(row('1', { details: { b: 2, a: ['x', 'y'] } }), '1')),
      chainHash(KEY, GENESIS_HASH, contentOf(row('1', { occurred_at: '2026-01-02T03:04:05.123457Z' }), '1')),
      chainHash(KEY, GENESIS_HASH, contentOf(row('1', { actor_user_id: null }), '1')),
      chainHash(KEY, GENESIS_HASH, contentOf(row('1', { action: 'patient.list' }), '1')),
      chainHash(KEY, GENESIS_HASH, contentOf(row('2'), '1')),
      chainHash(KEY, GENESIS_HASH, contentOf(row('1'), '2')),
      chainHash(KEY, Buffer.alloc(32, 1), contentOf(row('1'), '1')),
      chainHash(`${KEY}x`, GENESIS_HASH, contentOf(row('1'), '1')),
    ];
    for (const v of variants) expect(v.equals(base)).toBe(false);
    expect(chainHash(KEY, GENESIS_HASH, contentOf(row('1', { details: { a: ['x', 'y'], b: 1 } }), '1')).equals(base)).toBe(true);
  });

  it('should detect a swap of two rows: re-sealing in the other order gives other hashes', () => {
    const [a, b] = sealRows(KEY, { seq: '0', hash: GENESIS_HASH }, [row('1'), row('2')]);
    const [b2, a2] = sealRows(KEY, { seq: '0', hash: GENESIS_HASH }, [row('2'), row('1')]);
    expect(b2.hash.equals(b.hash)).toBe(false);
    expect(a2.hash.equals(a.hash)).toBe(false);
  });

  it('should authenticate the head with the key', () => {
    const h = Buffer.alloc(32, 7);
    expect(headMac(KEY, '5', h).equals(headMac(KEY, '5', h))).toBe(true);
    expect(headMac(KEY, '4', h).equals(headMac(KEY, '5', h))).toBe(false);
    expect(headMac(`${KEY}!`, '5', h).equals(headMac(KEY, '5', h))).toBe(false);
    expect(() => chainHash(KEY, Buffer.alloc(31), contentOf(row('1'), '1'))).toThrow(RangeError);
  });
});
