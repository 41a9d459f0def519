import type { ReactNode } from 'react';
import { DataView } from '../features/data/data-view';
import { HistoryView } from '../features/history/history-view';
import { LabView } from '../features/lab/lab-view';
import { PredictView } from '../features/predict/predict-view';
import { ModelsView } from '../features/registry/models-view';
import { SaveModelForm } from '../features/registry/save-model-form';
import { StabilityView } from '../features/stability/stability-view';
import { EXACTNESS_CLAIM } from '../ui/exactness-claim';
import { StorageBanner } from './storage-banner';
import { UpdateBanner } from './update-banner';
import { useView, VIEWS, type ViewId } from './use-view';

const RENDER: Record<ViewId, () => ReactNode> = {
  lab: () => (
    <>
      <LabView />
      <SaveModelForm />
    </>
  ),
  models: () => <ModelsView />,
  predict: () => <PredictView />,
  history: () => <HistoryView />,
  stability: () => <StabilityView />,
  data: () => <DataView />,
};

export function App() {
  const view = useView();
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">k</span>
          <span>
            <span className="brand__name">KNN Lab</span>
            <span className="brand__tag">k-nearest-neighbours house prices, checked against scikit-learn</span>
          </span>
        </div>
        <nav aria-label="Views">
          <ul className="tabs">
            {VIEWS.map((v) => (
              <li key={v.id}>
                <a href={`#${v.id}`} aria-current={view === v.id ? 'page' : undefined} className="tab">{v.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <UpdateBanner />
      <StorageBanner />
      <main id="main" tabIndex={-1}>
        <h1 className="visually-hidden">KNN Lab: {VIEWS.find((v) => v.id === view)?.label}</h1>
        {RENDER[view]()}
      </main>
      <footer className="footer">
        Computed in your browser, in a Web Worker. {EXACTNESS_CLAIM}
      </footer>
    </>
  );
}
