import twilio from 'twilio';
import { classifyTwilioError } from './twilio-sms.provider';
import { isValidTwilioSignature, twimlReply } from './twilio-webhook';

describe(isValidTwilioSignature.name, () => {
  const token = 'auth-token-for-tests';
  const url = 'https://clinic.example/webhooks/sms/twilio';
  const params = { From: '+14155550100', Body: '7' };
  const signature = twilio.getExpectedTwilioSignature(token, url, params);

  it('accepts the signature Twilio computes, and nothing else', () => {
    expect(isValidTwilioSignature(token, signature, url, params)).toBe(true);
    expect(isValidTwilioSignature(token, signature, url, { ...params, Body: '2' })).toBe(false);
    expect(isValidTwilioSignature(token, signature, `${url}/status`, params)).toBe(false);
    expect(isValidTwilioSignature('another-token', signature, url, params)).toBe(false);
    expect(isValidTwilioSignature(token, undefined, url, params)).toBe(false);
    expect(isValidTwilioSignature(undefined, signature, url, params)).toBe(false);
  });
});

describe(twimlReply.name, () => {
  it('answers with one escaped message, or an empty response', () => {
    expect(twimlReply('Thanks <3 & bye')).toContain('<Response><Message>Thanks &lt;3 &amp; bye</Message></Response>');
    expect(twimlReply()).toContain('<Response/>');
  });
});

describe(classifyTwilioError.name, () => {
  it.each([
    [{ status: 429, code: 20429 }, 'transient'],
    [{ status: 503 }, 'transient'],
    [{ status: 400, code: 21211 }, 'permanent'],
    [{ status: 400, code: 21610 }, 'permanent'],
    [{ code: 'ECONNREFUSED' }, 'transient'],
    [{ code: 'ETIMEDOUT' }, 'ambiguous'],
    [{ code: 'ECONNRESET' }, 'ambiguous'],
  ])('reads %p as %s', (error, kind) => {
    expect(classifyTwilioError(error).kind).toBe(kind);
  });
});
