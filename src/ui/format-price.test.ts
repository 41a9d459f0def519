import { describe, expect, it } from 'vitest';
import { formatDollars } from './format-price';

describe('formatDollars', () => {
  it('shows model prices ($1000s) as whole dollars', () => {
    expect(formatDollars(19.9)).toBe('$19,900');
    expect(formatDollars(22.71214)).toBe('$22,712');
    expect(formatDollars(50)).toBe('$50,000');
  });
});
