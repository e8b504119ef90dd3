import { View } from '@tarojs/components';
import { problemText } from '../lib/api';
import { useT } from '../lib/i18n';

/** Loading skeleton, or an error with a retry button: never a blank screen. */
export function Status({
  loading,
  error,
  onRetry,
}: {
  loading: boolean;
  error: unknown;
  onRetry: () => void;
}) {
  const t = useT();
  if (error)
    return (
      <View className="card status-error">
        <View className="title">{t('common.loadFailed')}</View>
        <View className="muted" style={{ margin: '8px 0 16px' }}>
          {problemText(error, t('common.networkError'))}
        </View>
        <View className="btn ghost" onClick={onRetry}>
          {t('common.retry')}
        </View>
      </View>
    );
  if (loading)
    return (
      <View className="skeleton">
        {[0, 1, 2].map((i) => (
          <View key={i} className="card skeleton-card" />
        ))}
      </View>
    );
  return null;
}
