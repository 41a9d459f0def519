import { describe, expect, it } from 'vitest';
import { compact, exact, fixed2, fixed3, NO_NUMBER, percent1, whole } from './format';
import { formatDollars } from './format-price';

const NOT_FINITE = [Number.NaN, Infinity, -Infinity];

describe('number formatting', () => {
  it('shows model prices ($1000s) as whole dollars', () => {
    expect(formatDollars(19.9)).toBe('$19,900');
    expect(formatDollars(22.71214)).toBe('$22,712');
    expect(formatDollars(50)).toBe('$50,000');
  });

  it('formats finite numbers as a person reads them', () => {
    expect(fixed2(-1.234)).toBe('−1.23');
    expect(fixed3(19.9)).toBe('19.900');
    expect(whole(1234567)).toBe('1,234,567');
    expect(compact(0.123456)).toBe('0.1235');
    expect(percent1(0.1234)).toBe('12.3 %');
    expect(exact(0.00632)).toBe('0.00632');
  });

  it('never renders NaN or Infinity: every helper refuses them with the no-number mark', () => {
    for (const value of NOT_FINITE) {
      for (const format of [formatDollars, fixed2, fixed3, whole, compact, percent1, exact]) {
        const text = format(value);
        expect(text, `${format.name}(${value})`).toBe(NO_NUMBER);
        expect(text).not.toMatch(/NaN|Infinity|∞/);
      }
    }
  });
});
