import { describe, expect, it } from 'vitest';
import { dashboardHref, groupsOf, heatmapPath, localToday, reportFileName, reportPath, scopeFromQuery } from './view-query.js';

describe('the dashboard scope (group and date)', () => {
  it.each([
    ['', { group: '', date: '' }],
    ['?group=Retail', { group: 'Retail', date: '' }],
    ['?group=Retail%20%26%20Co&date=2026-01-31', { group: 'Retail & Co', date: '2026-01-31' }],
    ['?date=31.01.2026', { group: '', date: '' }],
    ['?date=2026-1-31', { group: '', date: '' }],
  ])('reads %j from the address', (search, scope) => {
    expect(scopeFromQuery(new URLSearchParams(search))).toEqual(scope);
  });

  it('puts only the chosen parts in the addresses, encoded', () => {
    expect(heatmapPath({ group: '', date: '' })).toBe('/api/v1/heatmap');
    expect(heatmapPath({ group: 'Retail & Co', date: '2026-01-31' })).toBe('/api/v1/heatmap?group=Retail+%26+Co&date=2026-01-31');
    expect(dashboardHref({ group: '', date: '2026-01-31' })).toBe('/?date=2026-01-31');
    expect(dashboardHref({ group: '', date: '' })).toBe('/');
  });

  it('narrows reports by group only: a report is always as of today', () => {
    expect(reportPath('xlsx', { group: '', date: '2026-01-31' })).toBe('/api/v1/reports/xlsx');
    expect(reportPath('md', { group: 'Retail', date: '' })).toBe('/api/v1/reports/md?group=Retail');
  });

  it.each([
    ['', 'stepwise-report-2026-11-27.html'],
    ['Retail & Payments', 'stepwise-report-retail-payments-2026-11-27.html'],
    ['日本', 'stepwise-report-2026-11-27.html'],
  ])('names the saved file for group %j', (group, name) => {
    expect(reportFileName('html', { group, date: '' }, '2026-11-27')).toBe(name);
  });

  it('lists each group once, sorted, without teams that have none', () => {
    expect(groupsOf([{ group: 'retail' }, { group: null }, { group: 'Data' }, { group: 'Retail' }, { group: '' }, { group: 'Data' }])).toEqual(['Data', 'Retail', 'retail']);
  });

  it("writes today's date in the browser's calendar", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
