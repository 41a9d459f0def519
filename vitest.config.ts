import { defineConfig } from 'vitest/config';

// Vitest 5's failure summary calls Map.groupBy, which Node 20 lacks: without this, a failing test crashes the
// reporter and hides which test failed. Passing runs never reach that code.
const mapWithGroupBy = Map as unknown as { groupBy?: <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]> };
if (!mapWithGroupBy.groupBy) {
  mapWithGroupBy.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => {
    const groups = new Map<K, T[]>();
    let index = 0;
    for (const item of items) {
      const k = key(item, index++);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
