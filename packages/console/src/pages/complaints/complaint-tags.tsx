import type { ComplaintKind, ComplaintState } from '@orderloop/contract';
import { Tag } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';

const stateColors: Record<ComplaintState, string> = {
  open: 'volcano',
  in_progress: 'processing',
  resolved: 'green',
  closed: 'default',
};

export function ComplaintStateTag({ state }: { state: ComplaintState }) {
  const { t } = useI18n();
  return (
    <Tag color={stateColors[state]} data-state={state}>
      {t(`complaints.state.${state}`)}
    </Tag>
  );
}

export function ComplaintKindTag({ kind }: { kind: ComplaintKind }) {
  const { t } = useI18n();
  return <Tag color={kind === 'complaint' ? 'default' : 'purple'}>{t(`complaints.kind.${kind}`)}</Tag>;
}

export function OverdueTag() {
  const { t } = useI18n();
  return (
    <Tag color="red" data-testid="complaint-overdue">
      {t('complaints.overdue')}
    </Tag>
  );
}
