import { createStore, type StoreApi } from 'zustand/vanilla';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createPredictionSlice, type PredictionSlice } from './prediction-slice';
import { createRegistrySlice, type RegistrySlice, type StorageServices } from './registry-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createSweepSlice, type SweepServices, type SweepSlice } from './sweep-slice';

/** The whole app state; a new slice adds its type here and its creator below. */
export type LabState = SettingsSlice & SweepSlice & RegistrySlice & PredictionSlice & HistorySlice;

export type LabServices = SweepServices & StorageServices;

/** Builds the store from its slices; services are injected so tests run without a Worker. */
export function createLabStore(services: LabServices): StoreApi<LabState> {
  return createStore<LabState>()((...a) => ({
    ...createSettingsSlice(...a),
    ...createSweepSlice(services)(...a),
    ...createRegistrySlice(services)(...a),
    ...createPredictionSlice(services)(...a),
    ...createHistorySlice(services)(...a),
  }));
}
