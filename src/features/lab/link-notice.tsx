import { useLab } from '../../store/lab-store';

/** Says which values from the opened link were invalid and what replaced them. */
export function LinkNotice() {
  const problems = useLab((s) => s.linkProblems);
  const dismiss = useLab((s) => s.setLinkProblems);
  if (problems.length === 0) return null;
  return (
    <div className="notice notice--warning" role="alert" aria-labelledby="link-notice-title">
      <p id="link-notice-title"><strong>Some settings in this link were not valid, so defaults were used.</strong></p>
      <ul>
        {problems.map((p) => <li key={p}>{p}</li>)}
      </ul>
      <button type="button" onClick={() => dismiss([])}>Dismiss</button>
    </div>
  );
}
