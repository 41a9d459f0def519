import type { StateCreator } from 'zustand';
import type { LabState } from './store';

/** A slice creator over the whole store, so slices can read each other's state through get(). */
export type Slice<T> = StateCreator<LabState, [], [], T>;
