import { createStore, type StoreApi } from 'zustand/vanilla';
import { createBatchSlice, type BatchSlice } from './batch-slice';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { createDataSlice, type DataSlice } from './data-slice';
import { createDatasetsSlice, type DatasetsSlice } from './datasets-slice';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createPredictionSlice, type PredictionSlice } from './prediction-slice';
import { createRegistrySlice, type RegistrySlice } from './registry-slice';
import { createRowsSlice, type RowsSlice } from './rows-slice';
import type { LabServices } from './services';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createStabilitySlice, type StabilitySlice } from './stability-slice';
import { createSweepSlice, type SweepSlice } from './sweep-slice';

/** The whole app state; a new slice adds its type here and its creator below. */
export type LabState = SettingsSlice & SweepSlice & RegistrySlice & PredictionSlice & HistorySlice & DataSlice & RowsSlice & StabilitySlice & DatasetsSlice & ImportSlice & CompareSlice & BatchSlice;


/** Builds the store from its slices; services are injected so tests run without a Worker. */
export function createLabStore(services: LabServices): StoreApi<LabState> {
  return createStore<LabState>()((...a) => ({
    ...createSettingsSlice(...a),
    ...createSweepSlice(services)(...a),
    ...createRegistrySlice(services)(...a),
    ...createPredictionSlice(services)(...a),
    ...createHistorySlice(services)(...a),
    ...createDataSlice(services)(...a),
    ...createRowsSlice(services)(...a),
    ...createStabilitySlice(services)(...a),
    ...createDatasetsSlice(services)(...a),
    ...createImportSlice(services)(...a),
    ...createBatchSlice(services)(...a),
    ...createCompareSlice(services)(...a),
  }));
}
