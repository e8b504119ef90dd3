import { errorTitles } from '@orderloop/contract';
import { Button, Result, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { isApiError, isForbidden } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function NotAllowed({ detail }: { detail?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('common.notAllowedTitle')}
      subTitle={
        <>
          <div>{t('common.notAllowedText')}</div>
          {detail ? <Typography.Text type="secondary">{detail}</Typography.Text> : null}
        </>
      }
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** What a page shows instead of its data when loading failed: "not allowed" for a 403, else retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, locale } = useI18n();
  if (isForbidden(error)) return <NotAllowed detail={isApiError(error) ? error.problem.detail : undefined} />;
  const problem = isApiError(error) ? error.problem : null;
  return (
    <Result
      status="warning"
      title={problem ? errorTitles[problem.code][locale] : t('common.errorTitle')}
      subTitle={
        <>
          <div>{problem?.detail ?? (error instanceof Error ? error.message : String(error))}</div>
          {problem?.requestId ? (
            <Typography.Text type="secondary" copyable={{ text: problem.requestId }} style={{ fontSize: 12 }}>
              {t('common.requestId', { id: problem.requestId })}
            </Typography.Text>
          ) : null}
        </>
      }
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
