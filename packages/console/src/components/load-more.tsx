import { Button, Flex, Typography } from 'antd';
import { useI18n } from '../i18n/i18n-context.tsx';

export function LoadMore({
  count,
  hasMore,
  loading,
  onLoadMore,
}: {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  const { t } = useI18n();
  if (!count) return null;
  return (
    <Flex justify="space-between" align="center" className="load-more">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('common.shown', { count })}
      </Typography.Text>
      {hasMore ? (
        <Button size="small" onClick={onLoadMore} loading={loading} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('common.noMore')}
        </Typography.Text>
      )}
    </Flex>
  );
}
