// Persistent storage is not evicted under storage pressure; browsers grant it on request (Chromium decides by
// engagement, Firefox asks the user), so the answer is shown rather than assumed.

export interface Persistence {
  /** False when the browser has no StorageManager (old browsers, some insecure origins). */
  supported: boolean;
  persistent: boolean;
}

type StorageManagerLike = Pick<StorageManager, 'persist' | 'persisted'>;

const defaultManager = (): StorageManagerLike | undefined => globalThis.navigator?.storage;

/** Whether storage is already persistent, without asking. */
export async function isPersisted(manager: StorageManagerLike | undefined = defaultManager()): Promise<Persistence> {
  if (!manager?.persisted) return { supported: false, persistent: false };
  try {
    return { supported: true, persistent: await manager.persisted() };
  } catch {
    return { supported: true, persistent: false };
  }
}

/** Asks for persistent storage unless it is already granted (call after the first save). */
export async function requestPersistence(manager: StorageManagerLike | undefined = defaultManager()): Promise<Persistence> {
  const current = await isPersisted(manager);
  if (!current.supported || current.persistent || !manager?.persist) return current;
  try {
    return { supported: true, persistent: await manager.persist() };
  } catch {
    return { supported: true, persistent: false };
  }
}
