import { useId } from 'react';

/**
 * A file picker drawn as a button: the label is what is seen and clicked, the input stays hidden but keeps the
 * accessible name. The input is emptied after each pick, so the same file picked again (after a fix) is read again.
 */
export function FileButton({ label, accept, onFile }: { label: string; accept: string; onFile: (file: File) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="button">{label}</label>
      <input
        id={id}
        className="visually-hidden"
        type="file"
        accept={accept}
        aria-label={label}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
          e.currentTarget.value = '';
        }}
      />
    </>
  );
}
