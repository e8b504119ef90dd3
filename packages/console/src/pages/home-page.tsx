import { type DataScope, type Me, permissionLabel, scopeLabels } from '@orderloop/contract';
import { Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';

const scopeColor: Record<DataScope, string> = { all: 'blue', store: 'cyan', own: 'gold' };

type Area = {
  area: string;
  items: { permission: string; verb: string; scope: DataScope; stores: string[] }[];
};

/** Permissions grouped by their area ("Orders", "Customers", …) in the order the contract lists them. */
function useAreas(me: Me): Area[] {
  const { locale } = useI18n();
  const { storeName } = useSession();
  return useMemo(() => {
    const areas = new Map<string, Area>();
    for (const p of me.permissions) {
      const [area = '', verb = ''] = permissionLabel(p.permission, locale).split(' · ');
      const group = areas.get(area) ?? { area, items: [] };
      group.items.push({
        permission: p.permission,
        verb,
        scope: p.scope,
        stores: p.scope === 'store' ? p.storeIds.map((id) => storeName(id) ?? id.slice(0, 8)) : [],
      });
      areas.set(area, group);
    }
    return [...areas.values()];
  }, [me, locale, storeName]);
}

export function HomePage() {
  const { me, currentStoreId } = useSession();
  const { t, locale } = useI18n();
  const areas = useAreas(me);
  return (
    <Flex vertical gap={12}>
      <Card variant="outlined">
        <Flex justify="space-between" align="center" gap={24} wrap>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-greeting">
              {t('home.greeting', { name: me.user.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('home.intro', { business: me.business.name })}{' '}
              <Tag bordered={false}>{t(`home.kind.${me.business.kind}`)}</Tag>
            </Typography.Text>
          </div>
          <Flex gap={40}>
            <Statistic title={t('home.statRoles')} value={me.roles.length} />
            <Statistic title={t('home.statStores')} value={me.stores.length} />
            <Statistic title={t('home.statPermissions')} value={me.permissions.length} />
          </Flex>
        </Flex>
      </Card>
      <Row gutter={12}>
        <Col span={12}>
          <Card title={t('home.roles')} size="small" style={{ height: '100%' }}>
            <Flex gap={6} wrap data-testid="home-roles">
              {me.roles.map((r) => (
                <Tag key={r.key} color="geekblue">
                  {r.name}
                </Tag>
              ))}
            </Flex>
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('home.stores')} size="small" style={{ height: '100%' }}>
            {me.stores.length ? (
              <Flex gap={6} wrap data-testid="home-stores">
                {me.stores.map((s) => (
                  <Tag key={s.id} color={s.id === currentStoreId ? 'blue' : undefined}>
                    {s.code} · {s.name}
                    {s.id === currentStoreId && me.stores.length > 1 ? ` (${t('home.current')})` : ''}
                  </Tag>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('home.noStores')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card
        title={t('home.permissions')}
        size="small"
        extra={<span className="muted">{t('home.permissionsHint')}</span>}
      >
        {areas.length ? (
          <Row gutter={[12, 12]} data-testid="home-permissions">
            {areas.map((a) => (
              <Col key={a.area} xs={24} md={12} xl={6}>
                <div className="panel" style={{ height: '100%' }}>
                  <Typography.Text strong>{a.area}</Typography.Text>
                  <Flex vertical gap={4} style={{ marginTop: 6 }}>
                    {a.items.map((i) => (
                      <Flex key={i.permission} justify="space-between" align="center" gap={8}>
                        <span title={i.permission}>{i.verb}</span>
                        <span>
                          <Tag color={scopeColor[i.scope]} style={{ marginInlineEnd: 0 }}>
                            {scopeLabels[i.scope][locale]}
                            {i.stores.length ? ` · ${i.stores.join('、')}` : ''}
                          </Tag>
                        </span>
                      </Flex>
                    ))}
                  </Flex>
                </div>
              </Col>
            ))}
          </Row>
        ) : (
          <Empty description={t('home.noPermissions')} />
        )}
      </Card>
    </Flex>
  );
}
