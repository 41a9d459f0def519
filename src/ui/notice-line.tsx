import './controls.css';
interface NoticeLineProps {
  notice: { tone: 'success' | 'error'; text: string } | null;
  onDismiss?: () => void;
}

/** A one-line outcome message; errors are announced assertively, successes politely. */
export function NoticeLine({ notice, onDismiss }: NoticeLineProps) {
  if (!notice) return <div role="status" aria-live="polite" className="visually-hidden" />;
  return (
    <div role={notice.tone === 'error' ? 'alert' : 'status'} className={notice.tone === 'error' ? 'notice notice--error' : 'notice notice--success'}>
      <span>{notice.text}</span>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
