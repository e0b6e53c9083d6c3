import { parseInboundSms } from './sms-keywords';

describe(parseInboundSms.name, () => {
  it.each([
    ['7', { kind: 'score', score: 7 }],
    [' 0 ', { kind: 'score', score: 0 }],
    ['10', { kind: 'score', score: 10 }],
    ['4/10', { kind: 'score', score: 4 }],
    ['３', { kind: 'score', score: 3 }],
    ['5.', { kind: 'score', score: 5 }],
    ['11', { kind: 'unknown' }],
    ['-1', { kind: 'unknown' }],
    ['7 today, 3 yesterday', { kind: 'unknown' }],
    ['STOP', { kind: 'opt_out' }],
    ['stop', { kind: 'opt_out' }],
    ['Stopall', { kind: 'opt_out' }],
    ['UNSUBSCRIBE', { kind: 'opt_out' }],
    ['cancel', { kind: 'opt_out' }],
    ['END', { kind: 'opt_out' }],
    ['quit!', { kind: 'opt_out' }],
    ['START', { kind: 'opt_in' }],
    ['unstop', { kind: 'opt_in' }],
    ['HELP', { kind: 'help' }],
    ['hello', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
  ])('reads %p as %p', (body, intent) => {
    expect(parseInboundSms(body)).toEqual(intent);
  });
});
