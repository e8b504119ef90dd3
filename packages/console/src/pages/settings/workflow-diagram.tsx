import type { Locale, StateCategory, WorkflowDefinition } from '@orderloop/contract';

const W = 112;
const H = 46;
const GAP_X = 42;
const GAP_Y = 30;

const fill: Record<StateCategory, { bg: string; border: string }> = {
  draft: { bg: '#f5f5f5', border: '#bfbfbf' },
  open: { bg: '#e6f4ff', border: '#4096ff' },
  in_progress: { bg: '#fff7e6', border: '#fa8c16' },
  done: { bg: '#f6ffed', border: '#52c41a' },
  cancelled: { bg: '#fff1f0', border: '#ff7875' },
};

type Node = { key: string; x: number; y: number; layer: number };

/**
 * Layers by breadth-first distance from the draft state (so the happy path reads left to right);
 * cancelled states sit on a row of their own below, unreachable ones in a last column.
 */
export function layout(d: WorkflowDefinition) {
  const depth = new Map<string, number>([[d.draftState, 0]]);
  const queue = [d.draftState];
  while (queue.length) {
    const k = queue.shift()!;
    for (const t of d.transitions) {
      if (!t.from.includes(k) || t.to === '@previous' || depth.has(t.to)) continue;
      const target = d.states.find((s) => s.key === t.to);
      if (target?.category === 'cancelled') continue;
      depth.set(t.to, depth.get(k)! + 1);
      queue.push(t.to);
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  const columns = new Map<number, string[]>();
  const cancelled: string[] = [];
  for (const s of d.states) {
    if (s.category === 'cancelled') {
      cancelled.push(s.key);
      continue;
    }
    const layer = depth.get(s.key) ?? maxDepth + 1;
    columns.set(layer, [...(columns.get(layer) ?? []), s.key]);
  }
  const tallest = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const nodes = new Map<string, Node>();
  for (const [layer, keys] of columns) {
    const offset = ((tallest - keys.length) * (H + GAP_Y)) / 2;
    keys.forEach((key, i) => {
      nodes.set(key, { key, layer, x: 20 + layer * (W + GAP_X), y: 56 + offset + i * (H + GAP_Y) });
    });
  }
  const bottom = 56 + tallest * (H + GAP_Y) + 40;
  cancelled.forEach((key, i) => {
    nodes.set(key, { key, layer: -1, x: 20 + (i + 1) * (W + GAP_X), y: bottom });
  });
  const layers = Math.max(...[...nodes.values()].map((n) => n.layer), cancelled.length) + 1;
  const width = 40 + layers * (W + GAP_X);
  const height = (cancelled.length ? bottom + H : bottom - 40) + 30;
  return { nodes, width, height };
}

type Edge = { from: string; to: string; labels: string[]; actions: string[]; cancel: boolean };

/**
 * States as boxes coloured by category, transitions as labelled arrows; highlights problem states and
 * transitions (red) and the transitions being edited (blue). A `*` after a label: it needs a comment.
 */
export function WorkflowDiagram({
  definition,
  locale,
  highlight = [],
  faultyActions = [],
  selectedActions = [],
}: {
  definition: WorkflowDefinition;
  locale: Locale;
  highlight?: string[];
  faultyActions?: string[];
  selectedActions?: string[];
}) {
  const { nodes, width, height } = layout(definition);
  const category = new Map(definition.states.map((s) => [s.key, s.category]));
  const edges = new Map<string, Edge>();
  for (const t of definition.transitions) {
    if (t.to === '@previous') continue;
    for (const f of t.from) {
      const id = `${f}>${t.to}`;
      const e = edges.get(id) ?? {
        from: f,
        to: t.to,
        labels: [],
        actions: [],
        cancel: category.get(t.to) === 'cancelled',
      };
      e.labels.push(`${t.name[locale] || t.action}${t.requires.comment ? '*' : ''}`);
      e.actions.push(t.action);
      edges.set(id, e);
    }
  }
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxHeight: 560, minHeight: 200 }}
      role="img"
      aria-label={definition.key}
      data-testid="workflow-diagram"
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#8c8c8c" />
        </marker>
        <marker
          id="arrow-cancel"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#ffa39e" />
        </marker>
      </defs>
      {[...edges.values()].map((e) => {
        const a = nodes.get(e.from);
        const b = nodes.get(e.to);
        if (!a || !b) return null;
        const faulty = e.actions.some((x) => faultyActions.includes(x));
        const selected = e.actions.some((x) => selectedActions.includes(x));
        const stroke = faulty ? '#f5222d' : selected ? '#1677ff' : null;
        let path: string;
        let lx: number;
        let ly: number;
        if (e.cancel) {
          // to the cancelled row: straight down-ish lines, no labels (they would pile up)
          path = `M ${a.x + W / 2} ${a.y + H} L ${b.x + W / 2} ${b.y}`;
          return (
            <path
              key={`${e.from}>${e.to}`}
              d={path}
              stroke={stroke ?? '#ffccc7'}
              strokeWidth={stroke ? 2 : 1}
              strokeDasharray="4 3"
              fill="none"
              markerEnd="url(#arrow-cancel)"
            />
          );
        }
        if (b.layer > a.layer) {
          const x1 = a.x + W;
          const y1 = a.y + H / 2;
          const x2 = b.x;
          const y2 = b.y + H / 2;
          const mx = (x1 + x2) / 2;
          path = `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`;
          lx = mx;
          // a label is wider than the gap: between boxes in a row it goes above them, not over them
          ly = y1 === y2 ? a.y - 5 : (y1 + y2) / 2 - 5;
        } else {
          // back or sideways: an arc over the top
          const x1 = a.x + W / 2;
          const x2 = b.x + W / 2;
          const top = Math.min(a.y, b.y) - 40;
          path = `M ${x1} ${a.y} C ${x1} ${top}, ${x2} ${top}, ${x2} ${b.y}`;
          lx = (x1 + x2) / 2;
          ly = top + 4;
        }
        return (
          <g
            key={`${e.from}>${e.to}`}
            data-edge={e.actions.join(' ')}
            data-marked={stroke ? 'yes' : undefined}
          >
            <path
              d={path}
              stroke={stroke ?? '#8c8c8c'}
              strokeWidth={stroke ? 2 : 1}
              fill="none"
              markerEnd="url(#arrow)"
            />
            <text
              x={lx}
              y={ly}
              textAnchor="middle"
              fontSize="10"
              fill={stroke ?? '#595959'}
              fontWeight={stroke ? 600 : undefined}
              paintOrder="stroke"
              stroke="#fff"
              strokeWidth="3"
            >
              {e.labels.join(' / ')}
            </text>
          </g>
        );
      })}
      {definition.states.map((s) => {
        const n = nodes.get(s.key);
        if (!n) return null;
        const c = fill[s.category];
        const bad = highlight.includes(s.key);
        return (
          <g key={s.key} data-state={s.key}>
            <rect
              x={n.x}
              y={n.y}
              width={W}
              height={H}
              rx={8}
              fill={c.bg}
              stroke={bad ? '#f5222d' : c.border}
              strokeWidth={bad ? 2.5 : 1.2}
            />
            <text
              x={n.x + W / 2}
              y={n.y + 19}
              textAnchor="middle"
              fontSize="13"
              fontWeight={600}
              fill="#262626"
            >
              {s.name[locale] || s.key}
            </text>
            <text x={n.x + W / 2} y={n.y + 35} textAnchor="middle" fontSize="10" fill="#8c8c8c">
              {s.key}
              {s.slaMinutes ? ` · ${s.slaMinutes}′` : ''}
              {s.escalateAfterMinutes ? ` ↑${s.escalateAfterMinutes}′` : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
