/** A one-line outcome shown beside the control that caused it; null when there is nothing to say. */
export type Notice = { tone: 'success' | 'error'; text: string } | null;
