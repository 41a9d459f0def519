import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerServiceWorker } from '../pwa/register';
import { labStore } from '../store/lab-store';
import { prepareTestHooks } from '../worker/test-hooks';
import { App } from './app';
import './app.css';
import { startUrlSync } from './url-sync';

function start(): void {
  startUrlSync(labStore);
  // Storage opens beside the first sweep: the lab never waits for IndexedDB, and the form has a model on first visit.
  void labStore.getState().startRegistry();
  void labStore.getState().loadDatasets();
  registerServiceWorker();

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// Test builds arm the worker failure a link asks for before the first sweep is sent; production builds hold no
// hook code, since this condition is false when they are built.
if (import.meta.env.VITE_TEST_HOOKS === '1') void prepareTestHooks().then(start, start);
else start();
