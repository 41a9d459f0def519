import { useEffect, useId, useState, type ReactNode } from 'react';
import { MAX_MODEL_FILE_BYTES } from '../../ml/model-file';
import { useLab } from '../../store/lab-store';
import { downloadText } from '../../ui/download';
import { fileDrop } from '../../ui/file-drop';

const JSON_TYPE = 'application/json;charset=utf-8';

/** Export (download `<name>.knn.json`) and Copy as JSON for one saved version. */
export function ExportButtons({ version }: { version: number }) {
  const exportModel = useLab((s) => s.exportModel);
  const [working, setWorking] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  // One export at a time per row: a double click must not offer the file twice.
  const run = async (then: (file: { fileName: string; text: string }) => Promise<void> | void) => {
    if (working) return;
    setWorking(true);
    try {
      const file = await exportModel(version);
      if (file) await then(file);
    } finally {
      setWorking(false);
    }
  };
  return (
    <>
      <button type="button" className="button" aria-label={`Export version ${version} as a model file`} disabled={working} onClick={() => run((f) => downloadText(f.fileName, f.text, JSON_TYPE))}>
        Export
      </button>
      <button
        type="button"
        className="button"
        aria-label={`Copy version ${version} as JSON`}
        disabled={working}
        onClick={() =>
          run(async (f) => {
            try {
              await navigator.clipboard.writeText(f.text);
              setCopied(`Copied (${Math.ceil(f.text.length / 1024).toLocaleString('en-GB')} KB).`);
            } catch {
              setCopied('This browser did not allow copying: use Export instead.');
            }
          })
        }
      >
        Copy as JSON
      </button>
      {copied && (
        <span className="hint model-row__date" role="status">
          {copied}
        </span>
      )}
    </>
  );
}

/** Pasted text as the importer reads a file. */
const pasted = (text: string) => ({ name: 'pasted JSON', size: new Blob([text]).size, text: async () => text });

/**
 * "Import model file": a file input; the Models view around it also takes a dropped file and pasted JSON (a paste
 * into a text field elsewhere is left alone).
 */
export function ModelImport({ children }: { children: ReactNode }) {
  const importModelFile = useLab((s) => s.importModelFile);
  const [over, setOver] = useState(false);
  const id = useId();

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (!text.trim()) return;
      event.preventDefault();
      void importModelFile(pasted(text));
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [importModelFile]);

  return (
    <div
      className={over ? 'model-import model-import--over' : 'model-import'}
      {...fileDrop((files) => files.forEach((file) => void importModelFile(file)), setOver)}
    >
      <div className="model-import__bar">
        <label htmlFor={id} className="field__label">Import model file</label>
        <input
          id={id}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const input = e.currentTarget;
            for (const file of Array.from(input.files ?? [])) void importModelFile(file);
            // The same file may be picked again (after a fix, or to see the refusal again).
            input.value = '';
          }}
        />
        <span className="hint">
          A <code>.knn.json</code> file from Export or <code>learn --out</code> (up to {MAX_MODEL_FILE_BYTES / 1024 / 1024} MB). You can also drop one
          anywhere on this view, or paste its JSON. It is checked against the model file schema and its SHA-256 before anything is stored, and
          becomes a new version.
        </span>
      </div>
      {children}
    </div>
  );
}
