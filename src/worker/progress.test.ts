import { describe, expect, it } from 'vitest';
import { throttleProgress, type JobProgress } from './progress';

describe('throttleProgress', () => {
  it('passes nothing during the first interval, then at most one report per interval', () => {
    let clock = 0;
    const sent: JobProgress[] = [];
    const report = throttleProgress((p) => sent.push(p), 50, () => clock);
    for (clock = 0; clock <= 200; clock += 10) report({ fraction: clock / 200, label: `t=${clock}` });
    expect(sent.map((p) => p.label)).toEqual(['t=50', 't=100', 't=150', 't=200']);
  });

  it('sends nothing for a job that ends within the first interval', () => {
    let clock = 0;
    const sent: JobProgress[] = [];
    const report = throttleProgress((p) => sent.push(p), 50, () => clock);
    for (clock = 0; clock < 50; clock += 1) report({ fraction: clock / 50, label: 'quick' });
    expect(sent).toEqual([]);
  });
});
