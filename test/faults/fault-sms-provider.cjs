// Preloaded into the worker by the fault suite only (node --require): wraps the development "console" SMS
// provider so the suite can make it fail, hang or slow down. The mode is read from the file named by
// FAULT_SMS_CONTROL on every send: {"mode":"ok"|"transient"|"hang"|"slow","delayMs":n}.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
require(require.resolve('reflect-metadata', { paths: [root] }));
const { ConsoleSmsProvider } = require(join(root, 'dist/libs/sms/src/console-sms.provider.js'));
const { SmsSendError } = require(join(root, 'dist/libs/sms/src/sms-provider.js'));

const control = process.env.FAULT_SMS_CONTROL;
const send = ConsoleSmsProvider.prototype.send;

function mode() {
  try {
    return JSON.parse(readFileSync(control, 'utf8'));
  } catch {
    return { mode: 'ok' };
  }
}

ConsoleSmsProvider.prototype.send = async function faultySend(message) {
  const { mode: m, delayMs = 0 } = mode();
  if (m === 'transient') throw new SmsSendError('transient', 'fault_503'); // the provider refused: not sent
  if (m === 'hang') return new Promise(() => undefined); // never answers: the product's timeout decides
  if (m === 'slow') await new Promise((resolve) => setTimeout(resolve, delayMs));
  return send.call(this, message);
};
