// Storage failures as values with messages a person can act on. Shared by the IndexedDB and memory repositories.
import { describe } from './db';
import type { StorageError, StorageResult } from './repository';
import { Refusal } from './transaction';

export const ok = <T>(value: T): StorageResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: StorageError): StorageResult<T> => ({ ok: false, error });

export const notFound = (version: number): StorageError => ({ kind: 'not-found', message: `Model version ${version} does not exist (another tab may have deleted it).` });

export const damaged = (version: number, reason: string): StorageError => ({
  kind: 'damaged',
  message: `Model version ${version} is damaged (${reason}) and cannot be used. Delete it, or activate another version.`,
});

export const activeRefusal = (version: number): StorageError => ({
  kind: 'active',
  message: `Model version ${version} is the active model. Activate another version before deleting it.`,
});

export const conflict = (version: number): StorageError => ({
  kind: 'conflict',
  message: `Model version ${version} was changed in another tab meanwhile; nothing was written. Try again.`,
});

export const modelExists = (version: number): StorageError => ({
  kind: 'exists',
  message: `This model is already stored as version ${version}; nothing was added.`,
});

export const invalid = (message: string): StorageError => ({ kind: 'invalid', message });

export const datasetNotFound = (id: string): StorageError => ({ kind: 'not-found', message: `Dataset ${id} does not exist (another tab may have deleted it).` });

/** `label` is the dataset's quoted name, or its id when the record has none. */
export const datasetDamaged = (label: string, reason: string): StorageError => ({
  kind: 'damaged',
  message: `Dataset ${label} is damaged and cannot be used. ${reason} Delete it and import the file again.`,
});

export const datasetExists = (label: string): StorageError => ({
  kind: 'conflict',
  message: `This data is already stored as dataset ${label}; nothing was added.`,
});

/** Maps an IndexedDB exception to a StorageError; `doing` completes "Could not …". */
export function storageError(error: unknown, doing: string): StorageError {
  const name = error && typeof error === 'object' && 'name' in error ? String(error.name) : '';
  if (name === 'QuotaExceededError') {
    return {
      kind: 'quota',
      message: `Could not ${doing}: the browser's storage for this site is full. Delete old model versions or imported datasets, or clear the prediction history, then try again. Nothing else was changed.`,
    };
  }
  if (name === 'InvalidStateError') {
    return { kind: 'closed', message: `Could not ${doing}: the database was closed because another tab updated KNN Lab. Reload this tab.` };
  }
  return { kind: 'failed', message: `Could not ${doing}: ${describe(error)}.` };
}

/** A failed write as a value: the refusal that aborted it, or the IndexedDB error mapped by storageError. */
export const writeFailure = <T>(error: unknown, doing: string): StorageResult<T> =>
  fail(error instanceof Refusal ? (error.value as StorageError) : storageError(error, doing));
