import { describe, expect, it } from 'vitest';
import { SHEET_NAME_MAX, teamSheetNames } from './sheet-names.js';

const REPORT = ['README', 'Heatmap', 'Backlog'];

function names(...teamNames: string[]): string[] {
  return teamSheetNames(teamNames.map((name, index) => ({ id: `team-${index}`, name })), REPORT);
}

describe('team sheet names', () => {
  it.each([
    ['Payments', 'Payments'],
    ['Payments: [core]', 'Payments- (core)'],
    ['a/b\\c*d?e', 'a-b-c-d-e'],
    ["'quoted'", 'quoted'],
    ["' '' x '", 'x'],
    ['tab\there', 'tab_here'],
    ['=cmd', '=cmd'],
    ['***', '---'],
    ["''", 'team-0'],
    ['A very long team name that goes on and on', 'A very long team name that goes'],
  ])('derives %j → %j', (name, sheet) => {
    expect(names(name)).toEqual([sheet]);
  });

  it('keeps names unique regardless of case, within 31 characters, and away from the report sheets and "History"', () => {
    const result = names('Payments', 'payments', 'PAYMENTS', 'readme', 'history', 'x'.repeat(40), 'x'.repeat(35));
    expect(result).toEqual(['Payments', 'payments (2)', 'PAYMENTS (3)', 'readme (2)', 'history (2)', 'x'.repeat(31), `${'x'.repeat(27)} (2)`]);
    expect(result.every((name) => name.length <= SHEET_NAME_MAX)).toBe(true);
  });

  it('never splits a surrogate pair when cutting', () => {
    const [name] = names(`${'a'.repeat(30)}🎉`);
    expect(name).toBe('a'.repeat(30));
  });
});
