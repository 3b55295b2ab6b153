import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { AppState } from './store.js';

const StoreContext = createContext<StoreApi<AppState> | null>(null);

/** Makes one app store available to every component below it. */
export function StoreProvider({ store, children }: { store: StoreApi<AppState>; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Reads a slice of the app store; select single fields so renders stay narrow. */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useApp needs a <StoreProvider> above it');
  return useStore(store, selector);
}

/** Returns the store itself, for effects that call actions without subscribing. */
export function useAppStore(): StoreApi<AppState> {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useAppStore needs a <StoreProvider> above it');
  return store;
}
