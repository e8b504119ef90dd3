/**
 * A placeholder timeline until the order API carries the workflow's own states and history: the
 * usual path of each kind of order, with the current state marked. A state off the path
 * (cancelled, rejected, a custom one) is shown on its own after the last step reached.
 */
const paths: Record<string, string[]> = {
  restaurant: ['submitted', 'accepted', 'preparing', 'ready', 'completed'],
  b2b: ['submitted', 'confirmed', 'in_production', 'shipped', 'completed'],
};

export type Step = { state: string; status: 'done' | 'current' | 'todo' };

export function timeline(state: string, fulfilment: string): Step[] {
  const path = paths[fulfilment === 'shipment' ? 'b2b' : 'restaurant']!;
  const at = path.indexOf(state);
  if (at < 0)
    return [
      { state: path[0]!, status: 'done' },
      { state, status: 'current' },
    ];
  return path.map((s, i) => ({ state: s, status: i < at ? 'done' : i === at ? 'current' : 'todo' }));
}
