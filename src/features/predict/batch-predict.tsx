import { useState } from 'react';
import type { BatchResult } from '../../store/batch-slice';
import { useLab } from '../../store/lab-store';
import { whole } from '../../ui/format';
import { NoticeLine } from '../../ui/notice-line';
import './batch-predict.css';
import { CSV_TYPE, downloadText } from '../../ui/download';
import { FileButton } from '../../ui/file-button';
import { fileDrop } from '../../ui/file-drop';

// The History view has the same few lines; features may not import each other, and src/ui has no download helper yet.
const plural = (n: number, one: string, many = `${one}s`) => `${whole(n)} ${n === 1 ? one : many}`;
const levelText = (level: number) => `${Math.round(level * 100)} %`;

/**
 * "Predict a file": a CSV with the active model's feature columns is priced row by row in a worker (progress,
 * Cancel), the refused rows are listed by line, the output is offered for download and kept in History as one entry.
 */
export function BatchPredict() {
  const active = useLab((s) => s.registry.active);
  const loaded = useLab((s) => s.registry.loaded);
  const activeProblem = useLab((s) => s.registry.activeProblem);
  const level = useLab((s) => s.prediction.level);
  const batch = useLab((s) => s.batch);
  const predictFile = useLab((s) => s.predictFile);
  const cancelBatch = useLab((s) => s.cancelBatch);
  const [dragging, setDragging] = useState(false);
  const { phase, fileName, progress, error, notice, result } = batch;

  return (
    <section
      className={dragging ? 'panel batch batch--dragging' : 'panel batch'}
      aria-labelledby="batch-title"
      {...fileDrop((files) => void predictFile(files[0]), setDragging)}
    >
      <h2 id="batch-title" className="panel__title">Predict a CSV file</h2>
      {!loaded ? (
        <p className="hint">Loading the active model…</p>
      ) : !active ? (
        <p className="notice notice--warning">{activeProblem ?? 'No model is active, so no file can be predicted. Activate one in Models.'}</p>
      ) : (
        <>
          <p className="hint">
            A CSV file with a header row and one column for each of version {active.version}’s {active.features.length} features (names as below, any case;
            other columns are passed through unchanged), up to 100 MB. Every row gets a price, its {levelText(level)} interval, the distance to its nearest
            training row and whether that is unlike the training data; a row that cannot be priced gets the reason instead. It is read in a worker in this
            browser; nothing is uploaded. Drop a file on this panel, or:
          </p>
          <p className="batch__columns">
            <span className="batch__columns-label">Columns needed:</span>{' '}
            {active.features.map((code) => (
              <code key={code}>{code}</code>
            ))}
          </p>
          <div className="batch__pick">
            <FileButton label="Predict a file" accept=".csv,.tsv,.txt,text/csv,text/plain" onFile={(file) => void predictFile(file)} />
          </div>
        </>
      )}
      {phase === 'running' && (
        <div className="batch__progress" role="status">
          <span>Predicting “{fileName}”…</span>
          <progress max={1} value={progress} aria-label="Batch progress" aria-valuetext={`${Math.floor(progress * 100)} %`} />
          <button type="button" className="button" onClick={cancelBatch}>Cancel</button>
        </div>
      )}
      {error && (
        <div className="notice notice--error" role="alert">
          <p><strong>“{fileName}” was not predicted.</strong> {error}</p>
        </div>
      )}
      {result && <BatchOutcomeView result={result} activeVersion={active?.version ?? null} />}
      {/* After the result: whether it was kept is about the result, and reads after it. */}
      <NoticeLine notice={notice} />
    </section>
  );
}

function BatchOutcomeView({ result, activeVersion }: { result: BatchResult; activeVersion: number | null }) {
  const more = result.refusedCount - result.refused.length;
  const stale = result.modelVersion !== activeVersion;
  return (
    <div className="batch__result">
      <p className="batch__summary" role="status">
        <strong>“{result.fileName}”</strong> — {plural(result.rows, 'row')}: {whole(result.predicted)} predicted, {whole(result.refusedCount)} refused,{' '}
        {whole(result.outOfRange)} unlike the training data.
      </p>
      <p className={stale ? 'note note--warning' : 'hint'}>
        By version {result.modelVersion} (“{result.modelName}”), intervals at {levelText(result.level)}.
        {stale && ` That is not the active model${activeVersion === null ? '' : ` (now version ${activeVersion})`}: pick the file again for its answer.`}
      </p>
      {result.refusedCount > 0 && (
        <div className="batch__refusals">
          <p>
            <strong>Refused rows</strong> (their <code>error</code> cell in the results says the same)
            {more > 0 ? `: the first ${whole(result.refused.length)} of ${whole(result.refusedCount)}` : ''}:
          </p>
          <ul className="batch__refused" aria-label="Refused rows">
            {result.refused.map((r) => (
              <li key={r.line}>Line {r.line}: {r.reason}</li>
            ))}
          </ul>
          {more > 0 && <p className="hint">…and {plural(more, 'more refused row')}, listed in the results’ <code>error</code> column.</p>}
        </div>
      )}
      <button type="button" className="button button--primary" onClick={() => downloadText(result.downloadName, result.csv, CSV_TYPE)}>
        Download results
      </button>{' '}
      <span className="hint">{result.downloadName}</span>
    </div>
  );
}
