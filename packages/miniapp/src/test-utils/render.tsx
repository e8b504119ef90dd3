import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

/** Renders into a fresh element in jsdom; `tap` clicks inside act so React settles. */
export async function render(ui: ReactNode) {
  const el = document.createElement('div');
  document.body.appendChild(el);
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(el);
    root.render(ui);
  });
  return {
    el,
    find: (selector: string) => el.querySelector(selector) as HTMLElement | null,
    all: (selector: string) => [...el.querySelectorAll(selector)] as HTMLElement[],
    tap: async (node: HTMLElement | null) => {
      if (!node) throw new Error('nothing to tap');
      await act(async () => node.click());
    },
    rerender: (next: ReactNode) => act(async () => root!.render(next)),
    unmount: () => act(async () => root!.unmount()),
  };
}

/** Lets pending promises and timers of the component run. */
export const flush = (ms = 0) => act(() => new Promise<void>((r) => setTimeout(r, ms)));
