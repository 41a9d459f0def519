import { useId } from 'react';
import { useLab } from '../../store/lab-store';
import { whole } from '../../ui/format';
import { FileButton } from '../../ui/file-button';
import { NoticeLine } from '../../ui/notice-line';

const DELIMITER_WORDS = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' } as const;

/** Navigates to the lab once a dataset is stored: the lab opens on it. */
const openLab = () => {
  window.location.hash = 'lab';
};

/**
 * "Import CSV": a file input (the whole Data view also takes a dropped file), a progress bar with Cancel while the
 * worker reads it, then the choice of target and features, the rows that cannot be used, and consent to leave
 * them out. Nothing is stored until "Use this dataset".
 */
export function DatasetImport() {
  const importing = useLab((s) => s.importing);
  const startImport = useLab((s) => s.startImport);
  const cancelImport = useLab((s) => s.cancelImport);
  const { phase, error, notice, fileName, progress } = importing;

  return (
    <section className="panel import" aria-labelledby="import-title">
      <h2 id="import-title" className="panel__title">Your own data</h2>
      <p className="hint">
        A CSV file with a header row: commas, semicolons or tabs, decimal points or (with semicolons or tabs) decimal commas, up to 100 MB.
        It is read in a worker and kept in this browser only; nothing is uploaded. Drop a file anywhere on this page, or:
      </p>
      <div className="import__pick">
        <FileButton label="Import CSV" accept=".csv,.tsv,.txt,text/csv,text/plain" onFile={startImport} />
      </div>
      {phase === 'parsing' && (
        <div className="import__progress" role="status">
          <span>Reading “{fileName}”…</span>
          <progress max={1} value={progress} aria-label="Import progress" aria-valuetext={`${Math.floor(progress * 100)} %`} />
          <button type="button" onClick={cancelImport}>Cancel</button>
        </div>
      )}
      {error && phase !== 'review' && phase !== 'saving' && (
        <div className="notice notice--error" role="alert">
          <p><strong>“{fileName}” was not imported.</strong> {error}</p>
        </div>
      )}
      <NoticeLine notice={notice} />
      {(phase === 'review' || phase === 'saving') && <ImportReview onDone={openLab} />}
    </section>
  );
}

function ImportReview({ onDone }: { onDone: () => void }) {
  const importing = useLab((s) => s.importing);
  const setChoice = useLab((s) => s.setImportChoice);
  const acceptImport = useLab((s) => s.acceptImport);
  const cancelImport = useLab((s) => s.cancelImport);
  const nameId = useId();
  const targetId = useId();
  const { preview, name, target, features, issues, error, phase, fileName } = importing;
  if (!preview) return null;
  const numeric = preview.columns.filter((c) => c.numeric);
  const skipped = preview.columns.filter((c) => !c.numeric);
  const saving = phase === 'saving';
  const chosen = new Set(features);
  const badRows = issues?.badRows ?? 0;
  const submit = async (leaveOut: boolean) => {
    if (await acceptImport(leaveOut)) onDone();
  };

  return (
    <form className="import__review" aria-label="Choose the columns" onSubmit={(e) => e.preventDefault()}>
      <p>
        “{fileName}”: {whole(preview.nRecords)} rows, {preview.columns.length} columns, separated by {DELIMITER_WORDS[preview.delimiter]}, decimals
        written with {preview.decimalMark === ',' ? 'commas' : 'points'}.
      </p>
      <label className="field" htmlFor={nameId}>
        <span className="field__label">Dataset name</span>
        <input id={nameId} className="text-input" value={name} maxLength={120} onChange={(e) => setChoice({ name: e.currentTarget.value })} />
      </label>
      <label className="field" htmlFor={targetId}>
        <span className="field__label">Target column</span>
        <select id={targetId} className="text-input" value={target ?? ''} onChange={(e) => setChoice({ target: e.currentTarget.value })}>
          {target === null && <option value="">Choose</option>}
          {numeric.map((c) => (
            <option key={c.name} value={c.name}>{c.name}</option>
          ))}
        </select>
      </label>
      <fieldset className="features">
        <legend>Feature columns <span className="legend-count">{features.length} of {Math.max(0, numeric.length - 1)}</span></legend>
        <ul className="features__list">
          {numeric.filter((c) => c.name !== target).map((c) => (
            <li key={c.name} className="feature">
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(c.name)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setChoice({ features: numeric.map((n) => n.name).filter((n) => n !== target && (n === c.name ? on : chosen.has(n))) });
                  }}
                />
                <code className="import__column">{c.name}</code>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {skipped.length > 0 && (
        <div className="note">
          <p><strong>Skipped columns</strong> (not numbers, so they cannot be features or the target):</p>
          <ul>
            {skipped.map((c) => (
              <li key={c.name}><code className="import__column">{c.name}</code>: {c.reason}</li>
            ))}
          </ul>
        </div>
      )}
      {issues === null ? (
        <p className="hint" role="status">Checking the rows…</p>
      ) : issues.problem ? (
        <p className="notice notice--error" role="alert">{issues.problem}</p>
      ) : badRows > 0 ? (
        <div className="note note--warning" aria-labelledby="bad-rows-title">
          <p id="bad-rows-title">
            <strong>{whole(badRows)} of {whole(preview.nRecords)} rows cannot be used</strong> with these columns: they have a blank or unreadable
            value{badRows > issues.listed.length ? ` (the first ${issues.listed.length} are listed)` : ''}. They are left out only if you agree.
          </p>
          <ul className="import__bad-rows" aria-label="Rows that cannot be used">
            {issues.listed.map((row) => <li key={row.line}>{row.text}</li>)}
          </ul>
        </div>
      ) : (
        <p className="hint" role="status">Every row has a number in each chosen column.</p>
      )}
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      <div className="import__actions">
        {badRows > 0 ? (
          <button type="button" className="button button--primary" disabled={saving || issues === null || issues.problem !== null || features.length === 0} onClick={() => submit(true)}>
            Leave out {whole(badRows)} row{badRows === 1 ? '' : 's'} and use this dataset
          </button>
        ) : (
          <button type="button" className="button button--primary" disabled={saving || issues === null || issues.problem !== null || features.length === 0 || target === null} onClick={() => submit(false)}>
            Use this dataset
          </button>
        )}
        <button type="button" className="button" onClick={cancelImport}>Cancel</button>
        {saving && <span className="hint" role="status">Storing…</span>}
      </div>
    </form>
  );
}
