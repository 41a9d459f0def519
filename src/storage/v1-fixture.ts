// The previous schema (version 1) as its code wrote it, for migration tests: records had no `note` and
// predictions had no by-model index.
import { wrap } from 'idb';
import { MIGRATIONS, type KnnDb } from './db';
import { recordFromDraft, recordHash, type ModelDraft, type ModelRecord } from './model-record';
import type { PredictionRecord } from './repository';

export type V1ModelRecord = Omit<ModelRecord, 'note'>;

/** A model record exactly as version-1 code stored it (hashed without a note). */
export function v1Record(draft: ModelDraft, version: number): V1ModelRecord {
  const { note: _note, ...content } = recordFromDraft(draft);
  const record = { ...content, version };
  return { ...record, sha256: recordHash(record) };
}

export interface V1Contents {
  models: V1ModelRecord[];
  activeVersion?: number;
  nextVersion?: number;
  predictions: Omit<PredictionRecord, 'id'>[];
}

/** Creates database `name` at version 1 with the first migration only, as the old code did, and fills it. */
export async function writeV1Database(factory: IDBFactory, name: string, contents: V1Contents): Promise<void> {
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => MIGRATIONS[0](wrap(request.result) as unknown as KnnDb, wrap(request.transaction!) as never);
  const db = (await wrap(request)) as unknown as KnnDb;
  // Typed as today's schema, but only version-1 stores and shapes are written.
  const tx = db.transaction(['models', 'meta', 'predictions'], 'readwrite');
  for (const record of contents.models) void tx.objectStore('models').put(record as ModelRecord);
  if (contents.activeVersion !== undefined) void tx.objectStore('meta').put(contents.activeVersion, 'activeVersion');
  if (contents.nextVersion !== undefined) void tx.objectStore('meta').put(contents.nextVersion, 'nextVersion');
  for (const p of contents.predictions) void tx.objectStore('predictions').add(p as PredictionRecord);
  await tx.done;
  db.close();
}
