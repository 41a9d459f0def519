import { describe, expect, it } from 'vitest';
import { createChangeFeed, type StorageChange } from './changes';
import { requestPersistence } from './persistence';

const nextMessage = (feed: ReturnType<typeof createChangeFeed>) =>
  new Promise<[StorageChange, boolean]>((resolve) => {
    const stop = feed.subscribe((change, remote) => {
      stop();
      resolve([change, remote]);
    });
  });

describe('change notifications', () => {
  it('reach another tab on the same channel, marked remote, and this tab\'s own listeners, marked local', async () => {
    const name = `test-${Math.random()}`;
    const tabA = createChangeFeed(name);
    const tabB = createChangeFeed(name);
    const inB = nextMessage(tabB);
    const inA = nextMessage(tabA);
    tabA.publish({ type: 'active-changed', version: 3 });
    expect(await inA).toEqual([{ type: 'active-changed', version: 3 }, false]);
    expect(await inB).toEqual([{ type: 'active-changed', version: 3 }, true]);
    expect(tabA.crossTab).toBe(true);
    tabA.close();
    tabB.close();
  });

  it('carries dataset changes to other tabs with the dataset id, and ignores one without an id', async () => {
    const name = `test-${Math.random()}`;
    const tabA = createChangeFeed(name);
    const tabB = createChangeFeed(name);
    const seen: StorageChange[] = [];
    tabB.subscribe((change) => seen.push(change));
    const raw = new BroadcastChannel(name);
    raw.postMessage({ type: 'datasets-changed' });
    const inB = nextMessage(tabB);
    tabA.publish({ type: 'datasets-changed', id: 'csv-0123456789abcdef' });
    expect(await inB).toEqual([{ type: 'datasets-changed', id: 'csv-0123456789abcdef' }, true]);
    expect(seen).toEqual([{ type: 'datasets-changed', id: 'csv-0123456789abcdef' }]);
    raw.close();
    tabA.close();
    tabB.close();
  });

  it('still notifies this tab where BroadcastChannel is missing', () => {
    const feed = createChangeFeed('x', null);
    const seen: StorageChange[] = [];
    feed.subscribe((change) => seen.push(change));
    feed.publish({ type: 'models-changed' });
    expect(seen).toEqual([{ type: 'models-changed' }]);
    expect(feed.crossTab).toBe(false);
  });
});

describe('persistent storage', () => {
  it('asks only when not yet persistent and reports the answer', async () => {
    let asked = 0;
    const manager = { persisted: async () => false, persist: async () => (asked++, true) };
    expect(await requestPersistence(manager)).toEqual({ supported: true, persistent: true });
    expect(asked).toBe(1);
    const already = { persisted: async () => true, persist: async () => (asked++, true) };
    expect(await requestPersistence(already)).toEqual({ supported: true, persistent: true });
    expect(asked).toBe(1);
    expect(await requestPersistence(undefined)).toEqual({ supported: false, persistent: false });
  });
});
