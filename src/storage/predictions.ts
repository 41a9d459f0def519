// The prediction history in IndexedDB: append, page newest first (optionally by model version), export, clear.
import type { ChangeFeed } from './changes';
import type { KnnDb } from './db';
import { fail, ok, storageError } from './errors';
import { checkedVersion, historyCsv, modelLabels, pageSize, predictionProblem, predictionValue } from './prediction-rules';
import type { PredictionRecord, PredictionRepository } from './repository';
import { write } from './transaction';

/** A PredictionRepository over an open database; changes are announced on `changes`. */
export function createIdbPredictionRepository(db: KnnDb, changes: ChangeFeed): PredictionRepository {
  // All predictions of one version; `before` excludes ids ≥ it. Keys are [modelVersion, id].
  const byModel = (modelVersion: number, before?: number) => {
    const v = checkedVersion(modelVersion);
    return IDBKeyRange.bound([v, -Infinity], [v, before ?? Infinity], false, before !== undefined);
  };

  return {
    async add(prediction) {
      const problem = predictionProblem(prediction);
      if (problem) return fail(problem);
      const value = predictionValue(prediction);
      try {
        const id = await write(db, ['predictions'], (tx) => tx.objectStore('predictions').add(value as PredictionRecord));
        changes.publish({ type: 'predictions-changed' });
        return ok({ ...value, id });
      } catch (error) {
        return fail(storageError(error, 'record the prediction'));
      }
    },

    // Cursor paging: each page seeks straight to the id after the last one shown, so page 200 costs what page 1 does.
    async page(request = {}) {
      const limit = pageSize(request);
      const after = request.after ?? undefined;
      const tx = db.transaction('predictions');
      let cursor =
        request.modelVersion === undefined
          ? await tx.store.openCursor(after === undefined ? null : IDBKeyRange.upperBound(after, true), 'prev')
          : await tx.store.index('by-model').openCursor(byModel(request.modelVersion, after), 'prev');
      const items: PredictionRecord[] = [];
      while (cursor && items.length < limit) {
        items.push(cursor.value);
        cursor = await cursor.continue();
      }
      return { items, next: cursor && items.length > 0 ? items[items.length - 1].id : null };
    },

    async count(modelVersion) {
      return modelVersion === undefined ? db.count('predictions') : db.countFromIndex('predictions', 'by-model', byModel(modelVersion));
    },

    // One seek per version: ids are finite, so [version, Infinity] lies past every key of that version.
    async versions() {
      const found: number[] = [];
      let cursor = await db.transaction('predictions').store.index('by-model').openKeyCursor();
      while (cursor) {
        const version = cursor.key[0];
        found.push(version);
        cursor = await cursor.continue([version, Infinity]);
      }
      return found;
    },

    async clear() {
      try {
        await write(db, ['predictions'], (tx) => tx.objectStore('predictions').clear());
        changes.publish({ type: 'predictions-changed' });
        return ok(undefined);
      } catch (error) {
        return fail(storageError(error, 'clear the history'));
      }
    },

    async exportCsv(modelVersion) {
      const tx = db.transaction(['predictions', 'models']);
      const [records, models] = await Promise.all([
        modelVersion === undefined ? tx.objectStore('predictions').getAll() : tx.objectStore('predictions').index('by-model').getAll(byModel(modelVersion)),
        tx.objectStore('models').getAll(),
        tx.done,
      ]);
      return historyCsv(records.reverse(), modelLabels(models));
    },
  };
}
