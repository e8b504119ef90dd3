import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

/** A tiny observable value shared by every page (mini-program pages share one JS context). */
export type Store<T> = {
  get: () => T;
  set: (next: T | ((prev: T) => T)) => void;
  subscribe: (fn: () => void) => () => void;
};

export function createStore<T>(initial: T, persistKey?: string): Store<T> {
  let value = initial;
  if (persistKey) {
    try {
      const saved = Taro.getStorageSync(persistKey);
      if (saved) value = { ...initial, ...JSON.parse(saved) };
    } catch {
      // storage unreadable: start fresh
    }
  }
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (next) => {
      value = typeof next === 'function' ? (next as (p: T) => T)(value) : next;
      if (persistKey) {
        try {
          Taro.setStorageSync(persistKey, JSON.stringify(value));
        } catch {
          // full or unavailable storage must not break the app
        }
      }
      for (const fn of listeners) fn();
    },
    subscribe: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export const useStore = <T>(store: Store<T>): T =>
  useSyncExternalStore(store.subscribe, store.get, store.get);
