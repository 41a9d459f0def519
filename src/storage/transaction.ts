// Runs one readwrite transaction to completion and reports why it failed.
import type { IDBPTransaction, StoreNames } from 'idb';
import type { KnnDb, KnnLabSchema } from './db';

export type WriteTx<Names extends StoreNames<KnnLabSchema>[]> = IDBPTransaction<KnnLabSchema, Names, 'readwrite'>;

/**
 * Runs `body` in one readwrite transaction with strict durability (resolved only once the data is on disk) and
 * waits for the commit. `body` must await only IndexedDB requests, or the transaction commits under it.
 * Throws the most telling error: a quota abort reaches the transaction, not the request that caused it.
 */
export async function write<Names extends StoreNames<KnnLabSchema>[], T>(
  db: KnnDb,
  stores: Names,
  body: (tx: WriteTx<Names>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
  const done = tx.done.then(() => null, (error: unknown) => error ?? new DOMException('Transaction aborted', 'AbortError'));
  try {
    const value = await body(tx);
    const error = await done;
    if (error) throw error;
    return value;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    const txError = await done;
    throw isQuota(txError) ? txError : error;
  }
}

/** Aborts the surrounding write with a reason the caller turns into a StorageError value. */
export class Refusal extends Error {
  constructor(readonly value: unknown) {
    super('refused');
  }
}

const isQuota = (error: unknown): boolean => !!error && typeof error === 'object' && 'name' in error && error.name === 'QuotaExceededError';
