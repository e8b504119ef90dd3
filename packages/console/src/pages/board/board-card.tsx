import { ClockCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import type { AllowedAction, OrderSummary } from '@orderloop/contract';
import { Button, Tag } from 'antd';
import type { DragEvent, PointerEvent, TouchEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { relativeTime } from '../orders/order-columns.tsx';
import { useCodeLabel } from '../orders/order-tags.tsx';

/** Whole minutes (or hours) since an instant, short: "12 min", "3 h 05". */
function age(iso: string, now: number): string {
  const m = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  return m < 60 ? `${m}′` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}`;
}

/**
 * One order on the board, sized for a finger: number, customer, what to make, how long it has
 * waited and when it is due; its next steps as buttons (tap), or dragged onto another column.
 */
export function BoardCard({
  order,
  actions,
  now,
  busy,
  onAction,
  onOpen,
  onDragStart,
  onDragEnd,
  onTouchStart,
  onPointerDown,
  lifted = false,
}: {
  order: OrderSummary;
  actions: AllowedAction[];
  now: number;
  busy: boolean;
  onAction: (action: string) => void;
  onOpen: () => void;
  onDragStart: (e: DragEvent) => void;
  onDragEnd: () => void;
  /** Press-and-hold drag on touch screens (see use-touch-drag.ts). */
  onTouchStart?: (e: TouchEvent) => void;
  onPointerDown?: (e: PointerEvent) => void;
  /** Being dragged by a finger. */
  lifted?: boolean;
}) {
  const { t, locale } = useI18n();
  const label = useCodeLabel();
  const who = order.customerName ?? order.contact.name ?? null;
  const lines = order.lines ?? [];
  const more = order.lineCount - lines.length;
  // the moves on the card: forward ones first; cancelling and holding live in the detail sheet
  const quick = actions.filter((a) => a.tone !== 'danger' && !a.requires.comment).slice(0, 2);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a draggable card holding buttons cannot itself be a button
    <div
      className={`board-card${order.overdue ? ' board-card-overdue' : ''}${lifted ? ' board-card-lifted' : ''}`}
      draggable
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onTouchStart={onTouchStart}
      onPointerDown={onPointerDown}
      onContextMenu={(e) => lifted && e.preventDefault()}
      onClick={onOpen}
      onKeyDown={(e) => e.key === 'Enter' && e.target === e.currentTarget && onOpen()}
      role="button"
      tabIndex={0}
      data-testid="board-card"
      data-id={order.id}
      data-number={order.number}
      data-state={order.state}
    >
      <div className="board-card-head">
        <span className="board-card-number mono">{order.number.split('-').pop()}</span>
        <span className="board-card-age" title={t('board.waiting')}>
          <ClockCircleOutlined /> {age(order.submittedAt ?? order.createdAt, now)}
        </span>
      </div>
      {who ? <div className="board-card-customer">{who}</div> : null}
      <ul className="board-card-lines">
        {lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id here and never reorder
          <li key={i}>
            <span className="board-qty">{l.quantity}×</span> {l.productName}
            {l.skuLabel ? <span className="muted"> · {l.skuLabel}</span> : null}
            {l.modifiersLabel ? <div className="board-mods">{l.modifiersLabel}</div> : null}
          </li>
        ))}
        {more > 0 ? <li className="muted">{t('board.moreLines', { count: more })}</li> : null}
      </ul>
      <div className="board-card-meta">
        {order.stage ? (
          <Tag color="orange" className="board-stage" data-stage={order.stage}>
            {label('stage', order.stage)}
          </Tag>
        ) : null}
        {order.dueAt ? (
          <span className={order.overdue ? 'board-due due-overdue' : 'board-due'}>
            {order.overdue ? t('orders.overdue') : t('board.due')} {relativeTime(order.dueAt, locale, now)}
          </span>
        ) : null}
      </div>
      {quick.length ? (
        <div className="board-card-actions">
          {quick.map((a) => (
            <Button
              key={a.action}
              size="large"
              type={a.tone === 'primary' ? 'primary' : 'default'}
              disabled={busy}
              icon={busy ? <LoadingOutlined /> : undefined}
              onClick={(e) => {
                e.stopPropagation();
                onAction(a.action);
              }}
              data-action={a.action}
            >
              {a.name}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
