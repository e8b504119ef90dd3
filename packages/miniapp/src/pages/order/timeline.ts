import type { OrderWorkflow } from '@orderloop/contract';

export type Step = { state: string; name: string; status: 'done' | 'current' | 'todo'; at: string | null };

/**
 * The timeline from the order's own workflow: the states it went through (history, with times),
 * then the states still ahead on the definition's path. Draft and the cancelled-category states are
 * only shown when the order actually reached them; a finished order shows no road ahead.
 */
export function timeline(wf: OrderWorkflow): Step[] {
  const names = new Map(wf.states.map((s) => [s.key, s]));
  const steps: Step[] = [];
  for (const h of wf.history) {
    if (names.get(h.toState)?.category === 'draft') continue;
    const last = steps[steps.length - 1];
    if (last?.state === h.toState) continue;
    steps.push({ state: h.toState, name: names.get(h.toState)?.name ?? h.toState, status: 'done', at: h.at });
  }
  if (steps[steps.length - 1]?.state !== wf.state)
    steps.push({ state: wf.state, name: wf.stateName, status: 'done', at: wf.stateEnteredAt });
  steps[steps.length - 1]!.status = 'current';
  if (wf.category === 'done' || wf.category === 'cancelled') return steps;
  const seen = new Set(steps.map((s) => s.state));
  const at = wf.states.findIndex((s) => s.key === wf.state);
  for (const s of wf.states.slice(at + 1)) {
    if (s.category === 'draft' || s.category === 'cancelled' || seen.has(s.key)) continue;
    steps.push({ state: s.key, name: s.name, status: 'todo', at: null });
  }
  return steps;
}

/** When the store said it would be ready: the latest transition that gave preparation minutes. */
export function readyEstimate(wf: OrderWorkflow): string | null {
  if (wf.category === 'done' || wf.category === 'cancelled') return null;
  for (let i = wf.history.length - 1; i >= 0; i--) {
    const h = wf.history[i]!;
    const minutes = h.input.prepMinutes;
    if (typeof minutes === 'number' && minutes > 0)
      return new Date(new Date(h.at).getTime() + minutes * 60_000).toISOString();
  }
  return null;
}

/** Whether the order still moves (worth polling for news). */
export const isLive = (wf: OrderWorkflow | null | undefined) =>
  !!wf && wf.category !== 'done' && wf.category !== 'cancelled';
