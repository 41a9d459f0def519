// What went wrong with a file the CLI was asked to read or write, in words rather than an errno code ("EISDIR").
import { dirname } from 'node:path';

const CAUSES: Record<string, (path: string, writing: boolean) => string> = {
  ENOENT: (path, writing) => (writing ? `its folder ${dirname(path)} does not exist` : 'no such file'),
  EISDIR: () => 'it is a folder; give a file path',
  ENOTDIR: () => 'a part of the path is a file, not a folder',
  EACCES: () => 'permission denied',
  EPERM: () => 'permission denied',
  EROFS: () => 'the file system is read-only',
  ENOSPC: () => 'the disk is full',
  ENAMETOOLONG: () => 'the path is too long',
};

/** Why reading or writing `path` failed, for a message after "cannot read …:" or "cannot write …:". */
export function fileProblem(error: unknown, path: string, writing: boolean): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const cause = code === undefined ? undefined : CAUSES[code];
  if (cause) return cause(path, writing);
  return code ?? (error instanceof Error ? error.message : String(error));
}
