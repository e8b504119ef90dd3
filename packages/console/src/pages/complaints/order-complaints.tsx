import { routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';
import { ComplaintKindTag, ComplaintStateTag, OverdueTag } from './complaint-tags.tsx';

/** The order detail page's complaints section: each links to the complaint on the complaints page. */
export function OrderComplaints({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const q = useQuery({
    queryKey: ['order-complaints', orderId],
    queryFn: () => api.call(routes.listOrderComplaints, { params: { id: orderId } }),
    enabled: can('complaints.read'),
  });
  if (!can('complaints.read') || !q.data) return null;
  const { items, openCount } = q.data;
  return (
    <Card
      size="small"
      data-testid="order-complaints"
      title={
        <Flex gap={8} align="center">
          {t('complaints.orderSection')}
          {openCount ? <Tag color="volcano">{t('complaints.orderOpen', { count: openCount })}</Tag> : null}
        </Flex>
      }
      extra={
        items.length ? <Link to={`/complaints?orderId=${orderId}`}>{t('complaints.viewAll')}</Link> : null
      }
    >
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <Link to={`/complaints/${c.id}?orderId=${orderId}`} style={{ width: '100%' }}>
                <Flex gap={6} align="center">
                  <ComplaintKindTag kind={c.kind} />
                  <ComplaintStateTag state={c.state} />
                  {c.overdue ? <OverdueTag /> : null}
                  <Typography.Text ellipsis style={{ flex: 1 }}>
                    {c.description}
                  </Typography.Text>
                </Flex>
              </Link>
            </List.Item>
          )}
        />
      ) : (
        <span className="muted">{t('complaints.orderNone')}</span>
      )}
    </Card>
  );
}
