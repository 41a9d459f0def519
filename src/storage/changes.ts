// Tells other tabs (and this one) that stored models, predictions, batches or datasets changed, so they can refresh without a reload.

export type StorageChange =
  | { type: 'models-changed' }
  | { type: 'active-changed'; version: number | null }
  | { type: 'predictions-changed' }
  /** A batch prediction was kept in History, or batches were deleted. */
  | { type: 'batches-changed' }
  /** Dataset `id` was added, renamed or deleted. */
  | { type: 'datasets-changed'; id: string };

/** `remote` is true when the change came from another tab. */
export type ChangeListener = (change: StorageChange, remote: boolean) => void;

export interface ChangeFeed {
  publish(change: StorageChange): void;
  subscribe(listener: ChangeListener): () => void;
  close(): void;
  /** False when BroadcastChannel is missing: changes still reach this tab's listeners, not other tabs. */
  readonly crossTab: boolean;
}

export const CHANGE_CHANNEL = 'knn-lab-storage';

/** A feed over BroadcastChannel `name`; with no BroadcastChannel (`Channel` null) it only notifies this tab. */
export function createChangeFeed(
  name = CHANGE_CHANNEL,
  Channel: typeof BroadcastChannel | null = globalThis.BroadcastChannel ?? null,
): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  const emit = (change: StorageChange, remote: boolean) => {
    for (const listener of [...listeners]) listener(change, remote);
  };
  let channel: BroadcastChannel | null = null;
  if (Channel) {
    try {
      channel = new Channel(name);
      channel.onmessage = (event: MessageEvent) => {
        if (isChange(event.data)) emit(event.data, true);
      };
    } catch {
      channel = null;
    }
  }
  return {
    crossTab: channel !== null,
    publish(change) {
      channel?.postMessage(change);
      emit(change, false);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel?.close();
      channel = null;
    },
  };
}

function isChange(data: unknown): data is StorageChange {
  if (data === null || typeof data !== 'object') return false;
  const { type, id } = data as { type?: unknown; id?: unknown };
  if (type === 'datasets-changed') return typeof id === 'string';
  return type === 'models-changed' || type === 'active-changed' || type === 'predictions-changed' || type === 'batches-changed';
}
