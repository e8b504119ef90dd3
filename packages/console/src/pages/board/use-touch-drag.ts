import type { OrderSummary } from '@orderloop/contract';
import { type PointerEvent, type TouchEvent, useEffect, useRef, useState } from 'react';

// a finger held this long without moving picks the card up; moving sooner scrolls as usual
const HOLD_MS = 250;
const TOLERANCE_PX = 8;

type Handlers = {
  /** The card is picked up (the board highlights where it may go). */
  onStart: (card: OrderSummary) => void;
  /** The column under the finger changed (null: none). */
  onOver: (state: string | null) => void;
  /** The finger was lifted over a column, or elsewhere (null). */
  onDrop: (card: OrderSummary, state: string | null) => void;
};

type Ghost = { number: string; x: number; y: number };

const columnAt = (x: number, y: number) =>
  document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-testid=board-column]')?.dataset.state ?? null;

/**
 * Drag for touch tablets, where the browser's HTML drag and drop does not fire: press and hold a
 * card, then move it onto a column. Until the hold completes the gesture is the browser's (a
 * scroll, a tap that opens the card); after it, moves are ours — the page does not scroll — and a
 * ghost of the card follows the finger. Mouse drags keep using HTML drag and drop.
 */
export function useTouchDrag(h: Handlers) {
  const handlers = useRef(h);
  handlers.current = h;
  const [ghost, setGhost] = useState<Ghost | null>(null);
  const cleanup = useRef<(() => void) | null>(null);
  useEffect(() => () => cleanup.current?.(), []);

  const onTouchStart = (card: OrderSummary, e: TouchEvent) => {
    if (e.touches.length !== 1) return;
    cleanup.current?.();
    const t0 = e.touches[0]!;
    const start = { x: t0.clientX, y: t0.clientY };
    let dragging = false;
    let over: string | null = null;
    const timer = setTimeout(() => {
      dragging = true;
      handlers.current.onStart(card);
      setGhost({ number: card.number.split('-').pop() ?? card.number, ...start });
    }, HOLD_MS);
    const move = (ev: globalThis.TouchEvent) => {
      const t = ev.touches[0];
      if (!t) return;
      if (!dragging) {
        // moved before the hold completed: a scroll, not a drag
        if (Math.hypot(t.clientX - start.x, t.clientY - start.y) > TOLERANCE_PX) stop();
        return;
      }
      ev.preventDefault(); // keeps the page from scrolling under the dragged card
      setGhost((g) => (g ? { ...g, x: t.clientX, y: t.clientY } : g));
      const now = columnAt(t.clientX, t.clientY);
      if (now !== over) {
        over = now;
        handlers.current.onOver(now);
      }
    };
    const end = (ev: globalThis.TouchEvent) => {
      if (dragging) {
        ev.preventDefault(); // no click (which would open the card) after a drop
        const t = ev.changedTouches[0];
        handlers.current.onDrop(card, t ? columnAt(t.clientX, t.clientY) : over);
      }
      stop();
    };
    const cancel = () => {
      if (dragging) handlers.current.onDrop(card, null);
      stop();
    };
    const stop = () => {
      clearTimeout(timer);
      document.removeEventListener('touchmove', move);
      document.removeEventListener('touchend', end);
      document.removeEventListener('touchcancel', cancel);
      setGhost(null);
      cleanup.current = null;
    };
    // not passive: once the card is held, a move must be able to refuse the scroll
    document.addEventListener('touchmove', move, { passive: false });
    document.addEventListener('touchend', end, { passive: false });
    document.addEventListener('touchcancel', cancel);
    cleanup.current = stop;
  };

  const lastPointer = useRef('mouse');
  const onPointerDown = (e: PointerEvent) => {
    lastPointer.current = e.pointerType;
  };
  /**
   * Whether the card was pressed by a finger or pen: the browser's own touch drag (Chrome's drag
   * and drop from a touch) is refused then — this hook is how a finger drags.
   */
  const touching = () => lastPointer.current !== 'mouse' || cleanup.current !== null;

  return { onTouchStart, onPointerDown, touching, ghost };
}
