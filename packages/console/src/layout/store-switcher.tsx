import { ShopOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';

/** Which store the user is working in; only offered when there is a choice. */
export function StoreSwitcher() {
  const { me, currentStoreId, setCurrentStoreId } = useSession();
  const { t } = useI18n();
  if (me.stores.length < 2) return null;
  return (
    <Select
      aria-label={t('store.label')}
      data-testid="store-switcher"
      value={currentStoreId ?? undefined}
      onChange={setCurrentStoreId}
      prefix={<ShopOutlined />}
      popupMatchSelectWidth={false}
      style={{ minWidth: 160 }}
      options={me.stores.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
    />
  );
}
