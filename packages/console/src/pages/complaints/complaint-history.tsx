import type { Complaint, ComplaintEntry } from '@orderloop/contract';
import { Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { useSession } from '../../session/session-context.tsx';

/** What happened to a complaint, oldest first: filing, moves, assignment, answers, refunds. */
export function ComplaintHistory({ complaint }: { complaint: Complaint }) {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const who = (e: ComplaintEntry) =>
    e.actor.type === 'system'
      ? t('complaints.system')
      : (e.actor.name ?? (e.actor.type === 'customer' ? t('complaints.customer') : t('common.none')));
  const what = (e: ComplaintEntry) => {
    switch (e.type) {
      case 'filed':
        return t('complaints.entry.filed', {
          // English reads "filed a complaint"
          kind:
            locale === 'en'
              ? t(`complaints.kind.${complaint.kind}`).toLowerCase()
              : t(`complaints.kind.${complaint.kind}`),
        });
      case 'transition':
        return t('complaints.entry.transition', {
          from: e.fromState ? t(`complaints.state.${e.fromState}`) : '',
          to: e.toState ? t(`complaints.state.${e.toState}`) : '',
        });
      case 'assigned': {
        const to = e.data.to as string | null;
        return to
          ? t('complaints.entry.assigned', { name: (e.data.toName as string) ?? '' })
          : t('complaints.entry.unassigned');
      }
      case 'response':
        return e.visibility === 'internal' ? t('complaints.entry.note') : t('complaints.entry.response');
      case 'refund_decided':
        return t('complaints.entry.refund_decided', {
          amount: formatMoney(Number(e.data.amount), String(e.data.currency), locale),
        });
      case 'overdue':
        return t('complaints.entry.overdue');
    }
  };
  return (
    <Timeline
      data-testid="complaint-history"
      items={complaint.history.map((e) => ({
        key: e.id,
        color: e.type === 'overdue' ? 'red' : e.visibility === 'internal' ? 'gray' : 'blue',
        children: (
          <div data-entry={e.type}>
            <Typography.Text strong>{who(e)}</Typography.Text> <Typography.Text>{what(e)}</Typography.Text>
            {e.type === 'response' && e.visibility === 'internal' ? (
              <Tag style={{ marginLeft: 6 }}>{t('complaints.visibility.internal')}</Tag>
            ) : null}
            <div className="muted">{formatDateTime(e.at, locale, timeZone)}</div>
            {e.body && e.type !== 'filed' ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                {e.body}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
