import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerServiceWorker } from '../pwa/register';
import { labStore } from '../store/lab-store';
import { armWorkerFailure } from '../worker/bridge';
import { isFailureMode } from '../worker/failure-mode';
import { App } from './app';
import './app.css';
import { startUrlSync } from './url-sync';

// Test hook: ?failWorker=throw|crash|hang makes the first sweep fail that way (e2e proves the page recovers).
const failure = new URLSearchParams(window.location.search).get('failWorker');
if (failure && isFailureMode(failure)) void armWorkerFailure(failure);

startUrlSync(labStore);
// Storage opens beside the first sweep: the lab never waits for IndexedDB, and the form has a model on first visit.
void labStore.getState().startRegistry();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
