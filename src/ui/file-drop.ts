import type { DragEvent } from 'react';

/**
 * Props that make an element take dropped files: only drags that carry files are claimed, so dragged text still
 * reaches fields. `onOver` is told whether a file is held over the element (to highlight it).
 */
export function fileDrop(onFiles: (files: File[]) => void, onOver?: (over: boolean) => void) {
  return {
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes('Files')) return;
      // Without this the browser opens a dropped file instead of handing it over.
      e.preventDefault();
      onOver?.(true);
    },
    onDragLeave: () => onOver?.(false),
    onDrop: (e: DragEvent) => {
      onOver?.(false);
      if (!e.dataTransfer.files.length) return;
      e.preventDefault();
      onFiles(Array.from(e.dataTransfer.files));
    },
  };
}
