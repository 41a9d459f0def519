// Batch predictions kept in History: the rule for what may be stored (shared with memory.ts, so both refuse the
// same things) and the IndexedDB repository, summaries and outputs in two stores under one id.
import { isIntervalLevel } from '../ml/intervals';
import type { ChangeFeed } from './changes';
import { MAX_FILE_NAME_LENGTH } from './dataset-record';
import type { KnnDb } from './db';
import { fail, invalid, ok, storageError, writeFailure } from './errors';
import { isVersionNumber } from './prediction-rules';
import type { BatchRepository, BatchSummary, NewBatch, StorageError } from './repository';
import { Refusal, write } from './transaction';

/**
 * The largest output History keeps, in characters (~50 MB: the outputs are ASCII but for the file's own text).
 * A bigger one is still offered for download, just not kept: a few of them would fill a browser's quota.
 */
export const MAX_BATCH_CSV_CHARS = 50 * 1024 * 1024;

const MAX_MODEL_NAME_LENGTH = 1000;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const megabytes = (chars: number) => `${(Math.ceil((chars / (1024 * 1024)) * 10) / 10).toLocaleString('en-GB')} MB`;

/** Why the output cannot be kept, or null. Callers ask before storing, to say so next to the download. O(1). */
export function batchOutputProblem(csv: unknown): string | null {
  if (typeof csv !== 'string') return 'A batch’s results must be CSV text.';
  if (csv.length > MAX_BATCH_CSV_CHARS) {
    return `The results are ${megabytes(csv.length)}; History keeps results up to ${megabytes(MAX_BATCH_CSV_CHARS)}, so these were not kept. Download them now.`;
  }
  return null;
}

/** Why a summary (one about to be stored, or one read back) is unsound, as a sentence; null when it is sound. O(1). */
export function summaryProblem(s: unknown): string | null {
  if (!isObject(s)) return 'The batch’s summary is missing.';
  if (typeof s.fileName !== 'string' || s.fileName.length === 0 || s.fileName.length > MAX_FILE_NAME_LENGTH) return `A batch’s file name must be text of 1 to ${MAX_FILE_NAME_LENGTH} characters.`;
  if (!isVersionNumber(s.modelVersion)) return 'A batch must name the model version that made it (a whole number ≥ 1).';
  if (typeof s.modelName !== 'string' || s.modelName.length > MAX_MODEL_NAME_LENGTH) return 'A batch’s model name must be text.';
  if (!isIntervalLevel(s.level)) return 'A batch’s interval level must be 0.8, 0.9 or 0.95.';
  if (typeof s.at !== 'number' || !Number.isFinite(s.at)) return 'A batch’s time must be a finite number of ms.';
  const { rows, predicted, refused, outOfRange } = s;
  if (!isCount(rows) || !isCount(predicted) || !isCount(refused) || !isCount(outOfRange)) return 'A batch’s row counts must be whole numbers ≥ 0.';
  if (predicted + refused !== rows) return `A batch’s ${rows} rows must each be predicted or refused, but ${predicted} + ${refused} ≠ ${rows}.`;
  if (outOfRange > predicted) return `Only predicted rows can be unlike the training data, but ${outOfRange} > ${predicted}.`;
  if (!isCount(s.csvLength)) return 'A batch’s output length must be a whole number ≥ 0.';
  return null;
}

/** The summary to store (without its id; known fields only) and the output, or why they cannot be stored. */
export function batchValue(batch: NewBatch, now = Date.now()): { summary: Omit<BatchSummary, 'id'>; csv: string } | { problem: StorageError } {
  const outputProblem = batchOutputProblem(batch.csv);
  if (outputProblem) return { problem: invalid(outputProblem) };
  const summary: Omit<BatchSummary, 'id'> = {
    at: batch.at ?? now,
    fileName: batch.fileName,
    rows: batch.rows,
    predicted: batch.predicted,
    refused: batch.refused,
    outOfRange: batch.outOfRange,
    modelVersion: batch.modelVersion,
    modelName: batch.modelName,
    level: batch.level,
    csvLength: batch.csv.length,
  };
  const problem = summaryProblem(summary);
  return problem ? { problem: invalid(problem) } : { summary, csv: batch.csv };
}

/** Newest first; ids settle ties, so every tab lists the same order. */
export const newestFirst = (a: BatchSummary, b: BatchSummary): number => b.at - a.at || b.id - a.id;

export const batchNotFound = (id: number): StorageError => ({ kind: 'not-found', message: `Batch ${id} is no longer in History (it may have been cleared in another tab).` });

export const batchDamaged = (id: number, reason: string): StorageError => ({
  kind: 'damaged',
  message: `Batch ${id}’s stored results are damaged (${reason}) and cannot be downloaded. Predict the file again.`,
});

/** Why a stored output cannot be handed back for summary `summary`; null when it can. O(1). */
export function storedOutputProblem(summary: unknown, output: unknown): string | null {
  const problem = summaryProblem(summary);
  if (problem) return problem;
  if (!isObject(output) || typeof output.csv !== 'string') return 'its results are missing';
  if (output.csv.length !== (summary as BatchSummary).csvLength) return `its results hold ${output.csv.length} characters, not the ${(summary as BatchSummary).csvLength} stored`;
  return null;
}

/** A BatchRepository over an open database; changes are announced on `changes`. */
export function createIdbBatchRepository(db: KnnDb, changes: ChangeFeed): BatchRepository {
  return {
    async add(batch) {
      const value = batchValue(batch);
      if ('problem' in value) return fail(value.problem);
      try {
        const id = await write(db, ['batches', 'batch-outputs'], async (tx) => {
          const key = await tx.objectStore('batches').add(value.summary as BatchSummary);
          await tx.objectStore('batch-outputs').put({ id: key, csv: value.csv });
          return key;
        });
        changes.publish({ type: 'batches-changed' });
        return ok({ ...value.summary, id });
      } catch (error) {
        return writeFailure(error, `keep the batch for “${batch.fileName}” in History`);
      }
    },

    async list() {
      const summaries: unknown[] = await db.getAll('batches');
      return summaries.filter((s): s is BatchSummary => summaryProblem(s) === null).sort(newestFirst);
    },

    // One transaction for both, so a clear in another tab is seen entirely or not at all.
    async csv(id) {
      try {
        const tx = db.transaction(['batches', 'batch-outputs']);
        const [summary, output] = await Promise.all([tx.objectStore('batches').get(id), tx.objectStore('batch-outputs').get(id), tx.done]);
        if (summary === undefined) return fail(batchNotFound(id));
        const problem = storedOutputProblem(summary, output);
        return problem ? fail(batchDamaged(id, problem)) : ok(output!.csv);
      } catch (error) {
        return fail(storageError(error, `read batch ${id}`));
      }
    },

    async delete(id) {
      try {
        await write(db, ['batches', 'batch-outputs'], async (tx) => {
          const [summary, output] = await Promise.all([tx.objectStore('batches').getKey(id), tx.objectStore('batch-outputs').getKey(id)]);
          if (summary === undefined && output === undefined) throw new Refusal(batchNotFound(id));
          await Promise.all([tx.objectStore('batches').delete(id), tx.objectStore('batch-outputs').delete(id)]);
        });
        changes.publish({ type: 'batches-changed' });
        return ok(undefined);
      } catch (error) {
        return writeFailure(error, `delete batch ${id}`);
      }
    },

    async clear() {
      try {
        await write(db, ['batches', 'batch-outputs'], (tx) => Promise.all([tx.objectStore('batches').clear(), tx.objectStore('batch-outputs').clear()]));
        changes.publish({ type: 'batches-changed' });
        return ok(undefined);
      } catch (error) {
        return writeFailure(error, 'clear the batches');
      }
    },
  };
}
