/// <reference types="vite-plugin-pwa/vanillajs" />
// Registers the service worker built by vite-plugin-pwa in prompt mode: a new build waits as "update available"
// until the user asks for it; the page never reloads by itself. No React here: the UI subscribes.
import { registerSW } from 'virtual:pwa-register';

export interface PwaState {
  /** A new version is installed and waiting; call applyUpdate() when the user agrees. */
  updateAvailable: boolean;
  /** Everything is precached: the app now loads with the network off. */
  offlineReady: boolean;
  /** Why registration failed (unsupported browser, insecure origin), or null. */
  error: string | null;
}

let state: PwaState = { updateAvailable: false, offlineReady: false, error: null };
const listeners = new Set<(state: PwaState) => void>();
let update: ((reloadPage?: boolean) => Promise<void>) | null = null;

function set(patch: Partial<PwaState>): void {
  state = { ...state, ...patch };
  for (const listener of [...listeners]) listener(state);
}

/** Registers the service worker once (later calls do nothing). Does nothing where service workers are missing. */
export function registerServiceWorker(): void {
  if (update || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  update = registerSW({
    immediate: true,
    onNeedRefresh: () => set({ updateAvailable: true }),
    onOfflineReady: () => set({ offlineReady: true }),
    onRegisterError: (error: unknown) => set({ error: error instanceof Error ? error.message : String(error) }),
  });
}

export const getPwaState = (): PwaState => state;

/** Calls `listener` on every change; returns the unsubscribe function. */
export function subscribePwa(listener: (state: PwaState) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Activates the waiting version; the page reloads once the new service worker takes control. */
export async function applyUpdate(): Promise<void> {
  await update?.(true);
}
