import { passwordProblems } from './password-policy';

describe(passwordProblems.name, () => {
  it.each([
    ['demo-password-123', {}],
    ['correct horse battery staple', {}],
    ['Knee&Spine 2026 clinic', { email: 'ana.lee@clinic.example', name: 'Ana Lee' }],
  ])('accepts %s', (password, context) => {
    expect(passwordProblems(password, context)).toEqual([]);
  });

  it.each([
    ['short', /at least 12 characters/],
    ['x'.repeat(129), /at most 128 characters/],
    ['1qaz2wsx3edc', /known from data breaches/],
    ['qwerty123456', /known from data breaches/],
    ['aaaaaaaaaaaaaa', /one short pattern repeated/],
    ['abcabcabcabc', /one short pattern repeated/],
    ['123456789012', /simple sequence|known from data breaches/],
    ['abcdefghijklmn', /simple sequence/],
  ])('refuses %s', (password, problem) => {
    expect(passwordProblems(password).join('; ')).toMatch(problem);
  });

  it('refuses a password built from the account holder\'s own e-mail or name, or the product', () => {
    expect(passwordProblems('rosalind-2026-knee', { email: 'rosalind@clinic.example' })).toContain('password must not contain your name, e-mail or the product name');
    expect(passwordProblems('Okonkwo!Okonkwo!', { name: 'Chidi Okonkwo' })).toContain('password must not contain your name, e-mail or the product name');
    expect(passwordProblems('my relieftrace password')).toContain('password must not contain your name, e-mail or the product name');
  });
});
