import {
  CloseOutlined,
  FullscreenExitOutlined,
  FullscreenOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { OrderSummary } from '@orderloop/contract';
import { Button, Checkbox, Empty, Flex, Popover, Select, Spin, Tooltip } from 'antd';
import { type DragEvent, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';
import { BoardCard } from './board-card.tsx';
import { CardSheet } from './card-sheet.tsx';
import { useBoard } from './use-board.ts';
import { useMove } from './use-move.tsx';
import { useTouchDrag } from './use-touch-drag.ts';

/** The wall clock, and a tick that re-renders ages and due times every 20 s. */
function useNow(ms = 20_000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** While the board is shown, the shell's navigation and header step aside: the board is the screen. */
function useBoardMode() {
  useEffect(() => {
    document.body.classList.add('board-mode');
    return () => document.body.classList.remove('board-mode');
  }, []);
}

/**
 * The board: one store's active orders as cards in columns of their workflow's states, for the
 * kitchen or the workshop. Large type, taps and drags, live updates, and it keeps itself current
 * for hours (reconnects, re-reads after a gap, a periodic re-read as a safety net).
 */
export function BoardPage() {
  useBoardMode();
  const { t, locale } = useI18n();
  const { me, currentStoreId, timeZone } = useSession();
  const [params, setParams] = useSearchParams();
  const storeId = params.get('store') ?? currentStoreId;
  const board = useBoard(storeId);
  const now = useNow();
  const hiddenParam = params.get('hide') ?? '';
  const hidden = useMemo(() => new Set(hiddenParam.split(',').filter(Boolean)), [hiddenParam]);
  const setParam = (k: string, v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );
  const [dragging, setDragging] = useState<OrderSummary | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [open, setOpen] = useState<OrderSummary | null>(null);
  const [full, setFull] = useState(false);
  const stagesOf = (state: string) => board.columns.find((c) => c.key === state)?.stages ?? [];
  const { move, form, pending } = useMove(stagesOf, board.invalidate);
  const touch = useTouchDrag({
    onStart: setDragging,
    onOver: setOver,
    onDrop: (card, state) => {
      setDragging(null);
      setOver(null);
      // the same rule as a mouse drop: only onto a column one of its actions reaches
      if (state && state !== card.state && board.actionsOf(card).some((a) => a.to === state))
        void move(card, { to: state });
    },
  });

  const columns = board.columns.filter((c) => !hidden.has(c.key));
  const byState = useMemo(() => {
    const m = new Map<string, OrderSummary[]>();
    for (const o of board.orders) m.set(o.state, [...(m.get(o.state) ?? []), o]);
    return m;
  }, [board.orders]);
  // where the dragged card may go: the states its actions reach (a hint; the server decides on drop)
  const targets = new Set(dragging ? board.actionsOf(dragging).map((a) => a.to) : []);

  const toggleFull = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => {});
  };
  useEffect(() => {
    // a sideways swipe on a tablet must not become the browser's "back" gesture and leave the board
    const root = document.documentElement.style;
    const before = root.overscrollBehaviorX;
    root.overscrollBehaviorX = 'none';
    return () => {
      root.overscrollBehaviorX = before;
    };
  }, []);
  useEffect(() => {
    const on = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);

  const onDrop = (e: DragEvent, state: string) => {
    e.preventDefault();
    setOver(null);
    const card = dragging;
    setDragging(null);
    if (card && card.state !== state) void move(card, { to: state });
  };

  const chooser = (
    <Flex vertical gap={6} data-testid="board-columns">
      {board.columns.map((c) => (
        <Checkbox
          key={c.key}
          checked={!hidden.has(c.key)}
          data-column={c.key}
          onChange={(e) => {
            const next = new Set(hidden);
            if (e.target.checked) next.delete(c.key);
            else next.add(c.key);
            setParam('hide', [...next].join(',') || null);
          }}
        >
          {c.name}
        </Checkbox>
      ))}
    </Flex>
  );

  return (
    <div className="board" data-testid="board" data-live={board.status}>
      <div className="board-bar">
        <span className="board-title">{t('board.title')}</span>
        {me.stores.length > 1 ? (
          <Select
            size="large"
            value={storeId ?? undefined}
            onChange={(v: string) => setParam('store', v)}
            options={me.stores.map((s) => ({ value: s.id, label: s.name }))}
            style={{ minWidth: 160 }}
            data-testid="board-store"
          />
        ) : (
          <span className="board-store">{me.stores[0]?.name}</span>
        )}
        <span className="board-count">{t('board.count', { count: board.orders.length })}</span>
        <div style={{ flex: 1 }} />
        <Tooltip title={t(board.status === 'open' ? 'live.on' : 'live.reconnecting')}>
          <span className="board-live" data-testid="live-status" data-status={board.status}>
            <span className={`live-dot live-${board.status}`} />
            {board.status === 'open' ? t('board.live') : t('live.reconnecting')}
          </span>
        </Tooltip>
        <span className="board-clock">
          {new Intl.DateTimeFormat(locale, {
            hour: '2-digit',
            minute: '2-digit',
            hour12: false,
            timeZone,
          }).format(now)}
        </span>
        <Popover content={chooser} trigger="click" placement="bottomRight" title={t('board.columnsTitle')}>
          <Button size="large" icon={<SettingOutlined />} aria-label={t('board.columnsTitle')} />
        </Popover>
        <Tooltip title={t(full ? 'board.exitFullscreen' : 'board.fullscreen')}>
          <Button
            size="large"
            icon={full ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
            onClick={toggleFull}
          />
        </Tooltip>
        <Tooltip title={t('board.exit')}>
          <Link to="/">
            <Button
              size="large"
              icon={<CloseOutlined />}
              aria-label={t('board.exit')}
              data-testid="board-exit"
            />
          </Link>
        </Tooltip>
      </div>
      {board.error ? (
        <QueryError error={board.error} onRetry={board.refetch} />
      ) : board.loading ? (
        <Flex justify="center" style={{ padding: 80 }}>
          <Spin size="large" />
        </Flex>
      ) : !columns.length ? (
        <Empty style={{ padding: 80 }} description={t('board.noWorkflow')} />
      ) : (
        <div
          className="board-columns"
          style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(220px, 1fr))` }}
        >
          {columns.map((c) => {
            const cards = byState.get(c.key) ?? [];
            const allowed = !dragging || targets.has(c.key) || dragging.state === c.key;
            return (
              // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for mouse drags (a finger drag finds it by position, use-touch-drag.ts); the keyboard uses the card buttons
              <section
                key={c.key}
                className={`board-column${dragging && !allowed ? ' board-column-blocked' : ''}${
                  over === c.key && allowed ? ' board-column-over' : ''
                }`}
                data-testid="board-column"
                data-state={c.key}
                onDragOver={(e) => {
                  if (!allowed) return; // not a drop target: the browser shows "no drop"
                  e.preventDefault();
                  setOver(c.key);
                }}
                onDragLeave={() => setOver((o) => (o === c.key ? null : o))}
                onDrop={(e) => onDrop(e, c.key)}
              >
                <header className="board-column-head">
                  <span>{c.name}</span>
                  <span className="board-column-count">{cards.length}</span>
                </header>
                <div className="board-column-body">
                  {cards.map((o) => (
                    <BoardCard
                      key={o.id}
                      order={o}
                      now={now}
                      actions={board.actionsOf(o)}
                      busy={pending === o.id}
                      onAction={(action) => void move(o, { action })}
                      onOpen={() => setOpen(o)}
                      lifted={touch.ghost !== null && dragging?.id === o.id}
                      onTouchStart={(e) => touch.onTouchStart(o, e)}
                      onPointerDown={touch.onPointerDown}
                      onDragStart={(e) => {
                        if (touch.touching()) {
                          e.preventDefault(); // a finger drags through useTouchDrag, not the browser's drag
                          return;
                        }
                        e.dataTransfer.effectAllowed = 'move';
                        e.dataTransfer.setData('text/plain', o.id);
                        setDragging(o);
                      }}
                      onDragEnd={() => {
                        setDragging(null);
                        setOver(null);
                      }}
                    />
                  ))}
                  {!cards.length ? <div className="board-empty">{t('board.emptyColumn')}</div> : null}
                </div>
              </section>
            );
          })}
        </div>
      )}
      {open ? (
        <CardSheet
          card={open}
          onClose={() => setOpen(null)}
          onAction={(action) => {
            setOpen(null);
            void move(open, { action });
          }}
        />
      ) : null}
      {form}
      {touch.ghost ? (
        <div
          className="board-touch-ghost mono"
          style={{ left: touch.ghost.x, top: touch.ghost.y }}
          data-testid="board-touch-ghost"
        >
          {touch.ghost.number}
        </div>
      ) : null}
    </div>
  );
}
