import { describe, expect, it } from 'vitest';
import { compact, dateError, fieldOfProblem, inputsFrom, levelError, passwordError, positionText, targetsFrom, teamIdError, usernameError, weightError } from './validate.js';

describe('the admin forms’ own checks', () => {
  it.each([
    ['alice', undefined],
    ['a.b_c@d-e', undefined],
    ['', 'Enter a username.'],
    ['x', 'Use 2 to 64 letters, digits, “.”, “_”, “@” or “-”, starting with a letter or digit.'],
    ['-alice', 'Use 2 to 64 letters, digits, “.”, “_”, “@” or “-”, starting with a letter or digit.'],
    ['a'.repeat(65), 'Use 2 to 64 letters, digits, “.”, “_”, “@” or “-”, starting with a letter or digit.'],
  ])('username %j → %j', (username, error) => {
    expect(usernameError(username)).toBe(error);
  });

  it.each([
    ['payments', undefined],
    ['team_2-x', undefined],
    ['', 'Enter an id, for example “payments”.'],
    ['Payments', 'Use lower-case letters, digits, “-” or “_” (at most 64), starting with a letter or digit: it names a folder.'],
    ['a b', 'Use lower-case letters, digits, “-” or “_” (at most 64), starting with a letter or digit: it names a folder.'],
    ['-x', 'Use lower-case letters, digits, “-” or “_” (at most 64), starting with a letter or digit: it names a folder.'],
  ])('team id %j → %j', (id, error) => {
    expect(teamIdError(id)).toBe(error);
  });

  it.each([
    ['short', 'bob', 'Use at least 12 characters (5 so far).'],
    ['x'.repeat(129), 'bob', 'Use at most 128 characters.'],
    ['my-name-is-alice-ok', 'alice', 'The password may not contain the username.'],
    ['copper-violin-slow-harbour', 'bob', undefined],
    ['🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', 'bob', undefined],
  ])('password %j for %j → %j', (password, username, error) => {
    expect(passwordError(password, username)).toBe(error);
  });

  it.each([
    ['', 3, undefined],
    ['0', 3, undefined],
    ['3', 3, undefined],
    ['4', 3, 'Enter a whole level from 0 to 3, or leave it empty.'],
    ['1.5', 3, 'Enter a whole level from 0 to 3, or leave it empty.'],
    ['-1', 5, 'Enter a whole level from 0 to 5, or leave it empty.'],
  ])('level %j (top %i) → %j', (text, top, error) => {
    expect(levelError(text, top)).toBe(error);
  });

  it.each([
    ['', undefined],
    ['1.5', undefined],
    ['100', undefined],
    ['0', 'Enter a number above 0 and at most 100, or leave it empty for 1.'],
    ['101', 'Enter a number above 0 and at most 100, or leave it empty for 1.'],
    ['abc', 'Enter a number above 0 and at most 100, or leave it empty for 1.'],
  ])('weight %j → %j', (text, error) => {
    expect(weightError(text)).toBe(error);
  });

  it.each([
    ['', undefined],
    ['2026-11-20', undefined],
    ['2026-02-30', 'Enter a date as YYYY-MM-DD.'],
    ['20-11-2026', 'Enter a date as YYYY-MM-DD.'],
  ])('date %j → %j', (text, error) => {
    expect(dateError(text)).toBe(error);
  });

  it('keeps only the fields in error, in the order of the form', () => {
    expect(compact({ username: 'a', displayName: undefined, password: 'b' })).toEqual({ username: 'a', password: 'b' });
    expect(Object.keys(compact({ z: 'last', a: 'first' }))).toEqual(['z', 'a']);
  });

  it('turns per-domain inputs into targets and back, leaving out empty ones', () => {
    expect(targetsFrom({ secrets: '3', iac: '', 'supply-chain': ' 0 ' })).toEqual({ secrets: 3, 'supply-chain': 0 });
    expect(inputsFrom({ secrets: 2 }, ['secrets', 'iac'])).toEqual({ secrets: '2', iac: '' });
    expect(inputsFrom(undefined, ['iac'])).toEqual({ iac: '' });
  });

  it('finds the field a server problem is about: its body path first, then the field its text starts with', () => {
    const fields = ['username', 'displayName', 'password'];
    expect(fieldOfProblem({ path: 'body.displayName' }, 'body field "displayName": too long', fields)).toBe('displayName');
    expect(fieldOfProblem(undefined, 'the password needs at least 12 characters', fields)).toBe('password');
    expect(fieldOfProblem(undefined, 'defaultTargets: target 9 for secrets is above the top level 3', ['name', 'defaultTargets'])).toBe('defaultTargets');
    expect(fieldOfProblem({ path: 'body' }, 'something else entirely', fields)).toBeUndefined();
  });

  it('says where in a file a problem is', () => {
    expect(positionText({ file: 'stepwise.yaml', line: 3, column: 10 })).toBe('file stepwise.yaml, line 3, column 10');
    expect(positionText({ file: 'upload.xlsx' })).toBe('file upload.xlsx');
    expect(positionText({ line: 4 })).toBe('line 4');
    expect(positionText({ path: 'body.name' })).toBeUndefined();
    expect(positionText(undefined)).toBeUndefined();
  });
});
