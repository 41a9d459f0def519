// Imported datasets in IndexedDB: metadata and rows in two stores under one id, so listing never reads rows.
import type { ChangeFeed } from './changes';
import { byImport, datasetProblem, labelOf, metaProblem, modelRef, storedMeta, storedProblem, storedRows, trainedOn } from './dataset-record';
import type { KnnDb } from './db';
import { datasetDamaged, datasetExists, datasetNotFound, fail, invalid, ok, storageError, writeFailure } from './errors';
import { nameProblem } from './names';
import type { DatasetMeta, DatasetRepository } from './repository';
import { Refusal, write } from './transaction';

/** A DatasetRepository over an open database; changes are announced on `changes`. */
export function createIdbDatasetRepository(db: KnnDb, changes: ChangeFeed): DatasetRepository {
  return {
    async add(meta, rows) {
      const problem = datasetProblem(meta, rows);
      if (problem) return fail(invalid(problem));
      const value = storedMeta(meta);
      const numbers = storedRows(rows);
      try {
        await write(db, ['datasets', 'dataset-rows'], async (tx) => {
          const existing = await tx.objectStore('datasets').get(value.id);
          if (existing !== undefined) throw new Refusal(datasetExists(labelOf(existing, value.id)));
          await tx.objectStore('datasets').add(value);
          // put: rows left without metadata (only possible by hand) are replaced, not a reason to refuse.
          await tx.objectStore('dataset-rows').put(numbers);
        });
        changes.publish({ type: 'datasets-changed', id: value.id });
        return ok(value);
      } catch (error) {
        return writeFailure(error, `store the dataset "${value.name}"`);
      }
    },

    async list() {
      const metas: unknown[] = await db.getAll('datasets');
      return metas.filter((m): m is DatasetMeta => metaProblem(m) === null).sort(byImport);
    },

    async get(id) {
      const meta: unknown = await db.get('datasets', id);
      return metaProblem(meta) === null ? (meta as DatasetMeta) : null;
    },

    // One transaction for both, so a delete in another tab is seen entirely or not at all.
    async rows(id) {
      try {
        const tx = db.transaction(['datasets', 'dataset-rows']);
        const [meta, rows] = await Promise.all([tx.objectStore('datasets').get(id), tx.objectStore('dataset-rows').get(id), tx.done]);
        if (meta === undefined) return fail(datasetNotFound(id));
        const problem = storedProblem(meta, rows);
        if (problem) return fail(datasetDamaged(labelOf(meta, id), problem));
        return ok({ id, x: rows!.x, y: rows!.y });
      } catch (error) {
        return fail(storageError(error, `read dataset ${id}`));
      }
    },

    async rename(id, name) {
      const problem = nameProblem(name, 'dataset');
      if (problem) return fail(invalid(problem));
      try {
        const renamed = await write(db, ['datasets'], async (tx) => {
          const current = await tx.objectStore('datasets').get(id);
          if (current === undefined) throw new Refusal(datasetNotFound(id));
          const damage = metaProblem(current);
          if (damage) throw new Refusal(datasetDamaged(labelOf(current, id), damage));
          const next = { ...current, name };
          await tx.objectStore('datasets').put(next);
          return next;
        });
        changes.publish({ type: 'datasets-changed', id });
        return ok(renamed);
      } catch (error) {
        return writeFailure(error, `rename dataset ${id}`);
      }
    },

    async delete(id) {
      try {
        await write(db, ['datasets', 'dataset-rows'], async (tx) => {
          const metas = tx.objectStore('datasets');
          const rows = tx.objectStore('dataset-rows');
          const [meta, numbers] = await Promise.all([metas.getKey(id), rows.getKey(id)]);
          if (meta === undefined && numbers === undefined) throw new Refusal(datasetNotFound(id));
          await Promise.all([metas.delete(id), rows.delete(id)]);
        });
        changes.publish({ type: 'datasets-changed', id });
        return ok(undefined);
      } catch (error) {
        return writeFailure(error, `delete dataset ${id}`);
      }
    },

    async modelsTrainedOn(id, sha256) {
      const records: unknown[] = await db.getAllFromIndex('models', 'by-dataset', [id, sha256]);
      return records.filter((r) => trainedOn(r, id, sha256)).map(modelRef);
    },
  };
}
