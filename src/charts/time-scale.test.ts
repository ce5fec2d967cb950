import { describe, expect, it } from 'vitest';
import { epochDay, formatDay, timeTicks } from './time-scale.js';

describe('time scale', () => {
  it('counts days since 1970 and rejects dates that do not exist', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('2024-03-01')! - epochDay('2024-02-28')!).toBe(2);
    expect(epochDay('2023-02-29')).toBeNull();
    expect(epochDay('31/03/2025')).toBeNull();
  });

  it('puts quarterly ticks on a 15-month span and names the year on the first and on January', () => {
    const ticks = timeTicks(epochDay('2024-03-20')!, epochDay('2025-07-10')!, 8);
    expect(ticks.map((tick) => tick.label)).toEqual(['Apr 2024', 'Jul', 'Oct', 'Jan 2025', 'Apr', 'Jul']);
    expect(ticks[0]!.day).toBe(epochDay('2024-04-01'));
  });

  it('falls back to days, weeks or years as the span asks', () => {
    expect(timeTicks(epochDay('2025-01-01')!, epochDay('2025-01-04')!, 8).map((tick) => tick.label)).toEqual(['1 Jan 2025', '2 Jan', '3 Jan', '4 Jan']);
    expect(timeTicks(epochDay('2015-06-01')!, epochDay('2025-06-01')!, 8).map((tick) => tick.label)).toEqual(['2016', '2018', '2020', '2022', '2024']);
    expect(timeTicks(epochDay('2025-01-01')!, epochDay('2025-02-15')!, 8).length).toBeLessThanOrEqual(8);
  });

  it('formats a day for tooltips', () => {
    expect(formatDay(epochDay('2025-03-31')!)).toBe('31 Mar 2025');
  });
});
