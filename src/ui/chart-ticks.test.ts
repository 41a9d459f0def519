import { describe, expect, it } from 'vitest';
import { errorTick, kTicks } from './chart-ticks';

describe('ticks of the charts against k', () => {
  it('steps a linear k axis by 10, 25 or 50 after 1, as kMax grows, and never past kMax', () => {
    expect(kTicks(45, false)).toEqual([1, 10, 20, 30, 40]);
    expect(kTicks(101, false)).toEqual([1, 25, 50, 75, 100]);
    expect(kTicks(454, false)).toEqual([1, 50, 100, 150, 200, 250, 300, 350, 400, 450]);
  });

  it('puts 1-2-5 steps on a log k axis up to kMax', () => {
    expect(kTicks(454, true)).toEqual([1, 2, 5, 10, 20, 50, 100, 200]);
    expect(kTicks(3, true)).toEqual([1, 2]);
  });

  it('writes error ticks short past five digits and in exponent form from 1e15', () => {
    expect([0.125, 12.5, 250.4, 99_999, 2_500_000, 3e15].map(errorTick)).toEqual(['0.13', '12.5', '250', '99999', '2.5M', '3.0e+15']);
  });
});
