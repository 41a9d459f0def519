// The same repositories kept in memory, for when IndexedDB is missing or broken: the app keeps working for
// this visit and the banner says nothing will be kept. Values are copied in and out, as IndexedDB does.
import { batchDamaged, batchNotFound, batchValue, newestFirst, storedOutputProblem, summaryProblem } from './batches';
import type { ChangeFeed } from './changes';
import { byImport, datasetProblem, labelOf, metaProblem, modelRef, storedMeta, storedProblem, storedRows, trainedOn, type DatasetMeta, type DatasetRows } from './dataset-record';
import { activeRefusal, damaged, datasetDamaged, datasetExists, datasetNotFound, fail, invalid, modelExists, notFound, ok } from './errors';
import { labelProblem, recordFromDraft, recordHash, renamedRecord, toEntry, type HashCache, type ModelRecord } from './model-record';
import { nameProblem } from './names';
import { checkedVersion, historyCsv, modelLabels, pageSize, predictionProblem, predictionValue } from './prediction-rules';
import type { BatchRepository, BatchSummary, DatasetRepository, ModelRepository, PredictionRecord, PredictionRepository } from './repository';

export interface MemoryStore {
  models: Map<number, ModelRecord>;
  nextVersion: number;
  activeVersion: number | undefined;
  predictions: PredictionRecord[]; // ascending id
  nextPredictionId: number;
  /** Metadata and rows side by side: one set() writes both, one delete() removes both. */
  datasets: Map<string, { meta: DatasetMeta; rows: DatasetRows }>;
  /** Summary and output side by side, by id, as the two IndexedDB stores hold them. */
  batches: Map<number, { summary: BatchSummary; csv: string }>;
  nextBatchId: number;
}

export const createMemoryStore = (): MemoryStore => ({
  models: new Map(),
  nextVersion: 1,
  activeVersion: undefined,
  predictions: [],
  nextPredictionId: 1,
  datasets: new Map(),
  batches: new Map(),
  nextBatchId: 1,
});

/** A ModelRepository held in `store` (one per page; not shared with other tabs). */
export function createMemoryModelRepository(store: MemoryStore, changes: ChangeFeed): ModelRepository {
  const hashes: HashCache = new Map();
  const entry = (version: number, fresh = false) => {
    const value = store.models.get(version);
    return value === undefined ? null : toEntry(structuredClone(value), version, store.activeVersion, fresh ? undefined : hashes);
  };
  const insert = (record: Omit<ModelRecord, 'version'>): ModelRecord => {
    // As in IndexedDB: the counter never falls behind the highest stored version.
    const version = Math.max(store.nextVersion, ...[...store.models.keys()].map((v) => v + 1));
    store.nextVersion = version + 1;
    const stored = { ...structuredClone(record), version };
    store.models.set(stored.version, stored);
    return structuredClone(stored);
  };

  const repo: ModelRepository = {
    async save(draft, options = {}) {
      const problem = labelProblem(draft);
      if (problem) return fail(invalid(problem));
      const content = recordFromDraft(draft);
      if (options.unlessStored) {
        const same = [...store.models.values()].find((stored) => stored.sha256 === content.sha256 && recordHash(stored) === content.sha256);
        if (same) return fail(modelExists(same.version));
      }
      const record = insert(content);
      changes.publish({ type: 'models-changed' });
      return ok(record);
    },
    async list() {
      return [...store.models.keys()].sort((a, b) => a - b).map((version) => entry(version)!);
    },
    async get(version) {
      return entry(version);
    },
    async activate(version) {
      const found = entry(version, true);
      if (!found) return fail(notFound(version));
      if (found.status === 'damaged') return fail(damaged(version, found.reason));
      store.activeVersion = version;
      changes.publish({ type: 'active-changed', version });
      return ok(found.record);
    },
    async getActive() {
      return store.activeVersion === undefined ? null : entry(store.activeVersion);
    },
    async rename(version, changesToApply) {
      const problem = labelProblem(changesToApply);
      if (problem) return fail(invalid(problem));
      const found = entry(version);
      if (!found) return fail(notFound(version));
      if (found.status === 'damaged') return fail(damaged(version, found.reason));
      const next = renamedRecord(found.record, changesToApply);
      store.models.set(version, structuredClone(next));
      changes.publish({ type: 'models-changed' });
      return ok(next);
    },
    async delete(version) {
      const found = entry(version);
      if (!found) return fail(notFound(version));
      const wasActive = store.activeVersion === version;
      if (wasActive && found.status === 'ok') return fail(activeRefusal(version));
      store.models.delete(version);
      if (wasActive) store.activeVersion = undefined;
      changes.publish({ type: 'models-changed' });
      if (wasActive) changes.publish({ type: 'active-changed', version: null });
      return ok(undefined);
    },
    async ensureDefaultModel(factory) {
      if (store.models.size > 0) return ok({ created: false, active: await repo.getActive() });
      const content = recordFromDraft(await factory());
      if (store.models.size > 0) return ok({ created: false, active: await repo.getActive() });
      const record = insert(content);
      store.activeVersion = record.version;
      changes.publish({ type: 'models-changed' });
      changes.publish({ type: 'active-changed', version: record.version });
      return ok({ created: true, active: await repo.getActive() });
    },
  };
  return repo;
}

/** A PredictionRepository held in `store`. */
export function createMemoryPredictionRepository(store: MemoryStore, changes: ChangeFeed): PredictionRepository {
  const selected = (modelVersion?: number) =>
    modelVersion === undefined ? store.predictions : store.predictions.filter((p) => p.modelVersion === checkedVersion(modelVersion));

  return {
    async add(prediction) {
      const problem = predictionProblem(prediction);
      if (problem) return fail(problem);
      const record = { ...predictionValue(prediction), id: store.nextPredictionId++ };
      store.predictions.push(structuredClone(record));
      changes.publish({ type: 'predictions-changed' });
      return ok(record);
    },
    async page(request = {}) {
      const limit = pageSize(request);
      const after = request.after ?? Infinity;
      const newestFirst = selected(request.modelVersion).filter((p) => p.id < after).reverse();
      const items = structuredClone(newestFirst.slice(0, limit));
      return { items, next: newestFirst.length > limit ? items[items.length - 1].id : null };
    },
    async count(modelVersion) {
      return selected(modelVersion).length;
    },
    async versions() {
      return [...new Set(store.predictions.map((p) => p.modelVersion))].sort((a, b) => a - b);
    },
    async clear() {
      store.predictions = [];
      changes.publish({ type: 'predictions-changed' });
      return ok(undefined);
    },
    async exportCsv(modelVersion) {
      return historyCsv([...selected(modelVersion)].reverse(), modelLabels(store.models.values()));
    },
  };
}

/** A DatasetRepository held in `store`. Typed arrays are copied in and out, so callers never share stored numbers. */
export function createMemoryDatasetRepository(store: MemoryStore, changes: ChangeFeed): DatasetRepository {
  return {
    async add(meta, rows) {
      const problem = datasetProblem(meta, rows);
      if (problem) return fail(invalid(problem));
      const existing = store.datasets.get(meta.id);
      if (existing) return fail(datasetExists(labelOf(existing.meta, meta.id)));
      const value = storedMeta(meta);
      store.datasets.set(value.id, { meta: value, rows: storedRows(rows) });
      changes.publish({ type: 'datasets-changed', id: value.id });
      return ok(structuredClone(value));
    },
    async list() {
      const metas = [...store.datasets.values()].map((d) => d.meta).filter((m) => metaProblem(m) === null);
      return structuredClone(metas.sort(byImport));
    },
    async get(id) {
      const meta = store.datasets.get(id)?.meta;
      return meta && metaProblem(meta) === null ? structuredClone(meta) : null;
    },
    async rows(id) {
      const found = store.datasets.get(id);
      if (!found) return fail(datasetNotFound(id));
      const problem = storedProblem(found.meta, found.rows);
      if (problem) return fail(datasetDamaged(labelOf(found.meta, id), problem));
      return ok(storedRows(found.rows));
    },
    async rename(id, name) {
      const problem = nameProblem(name, 'dataset');
      if (problem) return fail(invalid(problem));
      const found = store.datasets.get(id);
      if (!found) return fail(datasetNotFound(id));
      const damage = metaProblem(found.meta);
      if (damage) return fail(datasetDamaged(labelOf(found.meta, id), damage));
      found.meta = { ...found.meta, name };
      changes.publish({ type: 'datasets-changed', id });
      return ok(structuredClone(found.meta));
    },
    async delete(id) {
      if (!store.datasets.delete(id)) return fail(datasetNotFound(id));
      changes.publish({ type: 'datasets-changed', id });
      return ok(undefined);
    },
    async modelsTrainedOn(id, sha256) {
      return [...store.models.values()]
        .filter((m) => trainedOn(m, id, sha256))
        .sort((a, b) => a.version - b.version)
        .map(modelRef);
    },
  };
}

/** A BatchRepository held in `store`. */
export function createMemoryBatchRepository(store: MemoryStore, changes: ChangeFeed): BatchRepository {
  return {
    async add(batch) {
      const value = batchValue(batch);
      if ('problem' in value) return fail(value.problem);
      const summary = { ...value.summary, id: store.nextBatchId++ };
      store.batches.set(summary.id, { summary: structuredClone(summary), csv: value.csv });
      changes.publish({ type: 'batches-changed' });
      return ok(summary);
    },
    async list() {
      const summaries = [...store.batches.values()].map((b) => b.summary).filter((s) => summaryProblem(s) === null);
      return structuredClone(summaries.sort(newestFirst));
    },
    async csv(id) {
      const found = store.batches.get(id);
      if (!found) return fail(batchNotFound(id));
      const problem = storedOutputProblem(found.summary, { csv: found.csv });
      return problem ? fail(batchDamaged(id, problem)) : ok(found.csv);
    },
    async delete(id) {
      if (!store.batches.delete(id)) return fail(batchNotFound(id));
      changes.publish({ type: 'batches-changed' });
      return ok(undefined);
    },
    async clear() {
      store.batches.clear();
      changes.publish({ type: 'batches-changed' });
      return ok(undefined);
    },
  };
}
