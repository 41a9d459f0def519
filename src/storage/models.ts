// The model registry in IndexedDB: versions, the active one, and an integrity check on every read.
import type { ChangeFeed } from './changes';
import type { KnnDb } from './db';
import { activeRefusal, conflict, damaged, fail, invalid, modelExists, notFound, ok, writeFailure } from './errors';
import { labelProblem, recordFromDraft, recordHash, renamedRecord, toEntry, type HashCache, type ModelDraft, type ModelEntry, type ModelRecord, type UnversionedRecord } from './model-record';
import type { ModelRepository } from './repository';
import { Refusal, write, type WriteTx } from './transaction';

/** A ModelRepository over an open database; changes are announced on `changes`. */
export function createIdbModelRepository(db: KnnDb, changes: ChangeFeed): ModelRepository {
  const hashes: HashCache = new Map();
  /** The stored version, verified; `fresh` hashes it even when this page load already has. */
  async function read(version: number, fresh = false): Promise<{ entry: ModelEntry | null; raw: unknown }> {
    const tx = db.transaction(['models', 'meta']);
    const [raw, active] = await Promise.all([tx.objectStore('models').get(version), tx.objectStore('meta').get('activeVersion'), tx.done]);
    return { entry: raw === undefined ? null : toEntry(raw, version, active, fresh ? undefined : hashes), raw };
  }

  // Allocates the next version inside the caller's transaction: readwrite transactions on `meta` run one at a
  // time, even across tabs, so two saves can never read the same counter. The counter keeps deleted numbers
  // from coming back; the highest stored version overrides it when it is missing or damaged (behind a stored version).
  async function insert(tx: WriteTx<('models' | 'meta')[]>, content: UnversionedRecord): Promise<ModelRecord> {
    const meta = tx.objectStore('meta');
    const models = tx.objectStore('models');
    const [counter, last] = await Promise.all([meta.get('nextVersion'), models.openKeyCursor(null, 'prev')]);
    const afterLast = (last ? last.key : 0) + 1;
    const next = Number.isInteger(counter) && (counter as number) > afterLast ? (counter as number) : afterLast;
    const record: ModelRecord = { ...content, version: next };
    await models.add(record);
    await meta.put(next + 1, 'nextVersion');
    return record;
  }

  const repo: ModelRepository = {
    async save(draft, options = {}) {
      const problem = labelProblem(draft);
      if (problem) return fail(invalid(problem));
      const content = recordFromDraft(draft); // hashed here, before the transaction opens
      try {
        const record = await write(db, ['models', 'meta'], async (tx) => {
          // Inside the write: readwrite transactions on one store run one at a time across tabs, so the second of
          // two simultaneous imports sees the first one's record.
          if (options.unlessStored) {
            for (let cursor = await tx.objectStore('models').openCursor(); cursor; cursor = await cursor.continue()) {
              // Hashed again (synchronously, so the transaction stays open): a damaged record that kept its
              // hash must not stop the genuine file from being imported to replace it.
              const stored = cursor.value as { sha256?: unknown };
              if (stored.sha256 === content.sha256 && recordHash(stored) === content.sha256) throw new Refusal(modelExists(cursor.key));
            }
          }
          return insert(tx, content);
        });
        changes.publish({ type: 'models-changed' });
        return ok(record);
      } catch (error) {
        return writeFailure(error, 'save the model');
      }
    },

    async list() {
      const tx = db.transaction(['models', 'meta']);
      const store = tx.objectStore('models');
      const [keys, values, active] = await Promise.all([store.getAllKeys(), store.getAll(), tx.objectStore('meta').get('activeVersion'), tx.done]);
      return keys.map((key, i) => toEntry(values[i], key, active, hashes));
    },

    async get(version) {
      return (await read(version)).entry;
    },

    async activate(version) {
      try {
        const { entry } = await read(version, true);
        if (!entry) return fail(notFound(version));
        if (entry.status === 'damaged') return fail(damaged(version, entry.reason));
        const stored = entry.record.sha256;
        await write(db, ['models', 'meta'], async (tx) => {
          const current = await tx.objectStore('models').get(version);
          if (!current) throw new Refusal(notFound(version));
          if (current.sha256 !== stored) throw new Refusal(conflict(version));
          await tx.objectStore('meta').put(version, 'activeVersion');
        });
        changes.publish({ type: 'active-changed', version });
        return ok(entry.record);
      } catch (error) {
        return writeFailure(error, `activate version ${version}`);
      }
    },

    async getActive() {
      const active = await db.get('meta', 'activeVersion');
      return active === undefined ? null : (await read(active)).entry;
    },

    async rename(version, changesToApply) {
      try {
        const problem = labelProblem(changesToApply);
        if (problem) return fail(invalid(problem));
        const { entry } = await read(version);
        if (!entry) return fail(notFound(version));
        // Re-hashing a damaged record would make it look intact.
        if (entry.status === 'damaged') return fail(damaged(version, entry.reason));
        const next = renamedRecord(entry.record, changesToApply);
        await write(db, ['models'], async (tx) => {
          const current = await tx.objectStore('models').get(version);
          if (!current) throw new Refusal(notFound(version));
          if (current.sha256 !== entry.record.sha256) throw new Refusal(conflict(version));
          await tx.objectStore('models').put(next);
        });
        changes.publish({ type: 'models-changed' });
        return ok(next);
      } catch (error) {
        return writeFailure(error, `rename version ${version}`);
      }
    },

    async delete(version) {
      try {
        const { entry } = await read(version);
        if (!entry) return fail(notFound(version));
        const isDamaged = entry.status === 'damaged';
        const clearedActive = await write(db, ['models', 'meta'], async (tx) => {
          const active = await tx.objectStore('meta').get('activeVersion');
          // A damaged active model can never predict again, so it may go; an intact one must be replaced first.
          if (active === version && !isDamaged) throw new Refusal(activeRefusal(version));
          await tx.objectStore('models').delete(version);
          if (active === version) await tx.objectStore('meta').delete('activeVersion');
          return active === version;
        });
        changes.publish({ type: 'models-changed' });
        if (clearedActive) changes.publish({ type: 'active-changed', version: null });
        return ok(undefined);
      } catch (error) {
        return writeFailure(error, `delete version ${version}`);
      }
    },

    async ensureDefaultModel(factory) {
      try {
        if ((await db.count('models')) > 0) return ok({ created: false, active: await repo.getActive() });
        const draft: ModelDraft = await factory();
        const content = recordFromDraft(draft);
        const created = await write(db, ['models', 'meta'], async (tx) => {
          // Another tab may have stored its default while we were fitting ours.
          if ((await tx.objectStore('models').count()) > 0) return null;
          const record = await insert(tx, content);
          await tx.objectStore('meta').put(record.version, 'activeVersion');
          return record;
        });
        if (created) {
          changes.publish({ type: 'models-changed' });
          changes.publish({ type: 'active-changed', version: created.version });
        }
        return ok({ created: created !== null, active: await repo.getActive() });
      } catch (error) {
        return writeFailure(error, 'create the first model');
      }
    },
  };
  return repo;
}
