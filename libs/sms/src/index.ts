export * from './sms-provider';
export * from './console-sms.provider';
export * from './twilio-sms.provider';
export * from './twilio-webhook';
export * from './inbound-sms';
export * from './sms.module';
