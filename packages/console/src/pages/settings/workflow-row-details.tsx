import { DownOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** A toggle for a row's details, with how many effects/conditions/requirements it holds. */
export function DetailsToggle({
  open,
  count,
  onClick,
  testId,
}: {
  open: boolean;
  count: number;
  onClick: () => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <Button
      size="small"
      type={open ? 'primary' : 'default'}
      ghost={open}
      icon={open ? <DownOutlined /> : <RightOutlined />}
      onClick={onClick}
      data-testid={testId}
    >
      {t('workflows.details')}
      {count ? <Badge count={count} size="small" color="#8c8c8c" /> : null}
    </Button>
  );
}

/** Which rows have their details open; `forced` rows open by themselves. */
export function useToggleSet(forced: Set<number>) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  // rows with a problem in their details open by themselves, so the problem is seen where it is
  const forcedKey = [...forced].join(',');
  useEffect(() => {
    if (forcedKey) setOpen((o) => new Set([...o, ...forcedKey.split(',').map(Number)]));
  }, [forcedKey]);
  const toggle = (row: number) =>
    setOpen((o) => {
      const n = new Set(o);
      if (!n.delete(row)) n.add(row);
      return n;
    });
  return [open, toggle] as const;
}
