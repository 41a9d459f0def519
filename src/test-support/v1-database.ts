// A version-1 database as it exists in users' browsers, for migration tests. v1-database.json was written
// once by the version-1 storage code and dumped store by store; it is never rebuilt with today's code, so a
// change to hashing or record shapes cannot quietly change what the migration is tested against.
import { readFileSync } from 'node:fs';
import { wrap } from 'idb';
import { MIGRATIONS, type KnnDb } from '../storage/db';
import type { ModelRecord } from '../storage/model-record';
import type { PredictionRecord } from '../storage/repository';

/** A model record as version 1 stored it: no `note`, and its sha256 computed without one. */
export type V1ModelRecord = Omit<ModelRecord, 'note'>;

/** A prediction as version 1 stored it (no `modelName`). */
export type V1PredictionRecord = Omit<PredictionRecord, 'modelName'>;

/** The contents of a version-1 database, store by store. */
export interface V1Database {
  models: V1ModelRecord[];
  meta: { nextVersion?: number; activeVersion?: number };
  predictions: V1PredictionRecord[];
}

const SNAPSHOT_PATH = new URL('./v1-database.json', import.meta.url);

/**
 * A fresh copy of the frozen snapshot, as version-1 code held it in IndexedDB: JSON has no typed arrays,
 * so each model's trainX and trainY become Float64Array again and trainRows Uint32Array.
 */
export function v1Snapshot(): V1Database {
  const { stores } = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as { stores: V1Database };
  for (const record of stores.models) {
    const model = record.model as unknown as Record<'trainX' | 'trainY' | 'trainRows', number[]>;
    record.model.trainX = Float64Array.from(model.trainX);
    record.model.trainY = Float64Array.from(model.trainY);
    record.model.trainRows = Uint32Array.from(model.trainRows);
  }
  return stores;
}

/**
 * Creates database `name` at version 1 with the first migration only, as version-1 code did, and fills it
 * (default: the frozen snapshot). Predictions keep their ids.
 */
export async function writeV1Database(factory: IDBFactory, name: string, contents: V1Database = v1Snapshot()): Promise<void> {
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => MIGRATIONS[0](wrap(request.result) as unknown as KnnDb, wrap(request.transaction!) as never);
  const db = (await wrap(request)) as unknown as KnnDb;
  // Typed as today's schema, but only version-1 stores and shapes are written.
  const tx = db.transaction(['models', 'meta', 'predictions'], 'readwrite');
  for (const record of contents.models) void tx.objectStore('models').put(record as ModelRecord);
  const { nextVersion, activeVersion } = contents.meta;
  if (nextVersion !== undefined) void tx.objectStore('meta').put(nextVersion, 'nextVersion');
  if (activeVersion !== undefined) void tx.objectStore('meta').put(activeVersion, 'activeVersion');
  for (const prediction of contents.predictions) void tx.objectStore('predictions').put(prediction);
  await tx.done;
  db.close();
}
