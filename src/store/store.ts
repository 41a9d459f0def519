import { createStore, type StoreApi } from 'zustand/vanilla';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createSweepSlice, type SweepServices, type SweepSlice } from './sweep-slice';

/** The whole app state; a new slice adds its type here and its creator below. */
export type LabState = SettingsSlice & SweepSlice;

export type LabServices = SweepServices;

/** Builds the store from its slices; services are injected so tests run without a Worker. */
export function createLabStore(services: LabServices): StoreApi<LabState> {
  return createStore<LabState>()((...a) => ({
    ...createSettingsSlice(...a),
    ...createSweepSlice(services)(...a),
  }));
}
