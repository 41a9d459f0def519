/** The type CSV downloads are offered as. */
export const CSV_TYPE = 'text/csv;charset=utf-8';

/** Offers text as a file download, as a person clicking a link to it would get it. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // Revoke after the click has been handled; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
