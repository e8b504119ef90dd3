import { GlobalOutlined } from '@ant-design/icons';
import { type Locale, locales } from '@orderloop/contract';
import { Select } from 'antd';
import { localeNames, useI18n } from '../i18n/i18n-context.tsx';

export function LocaleSwitcher() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Select<Locale>
      aria-label={t('lang.label')}
      data-testid="locale-switcher"
      value={locale}
      onChange={setLocale}
      variant="borderless"
      prefix={<GlobalOutlined />}
      popupMatchSelectWidth={false}
      style={{ minWidth: 110 }}
      options={locales.map((l) => ({ value: l, label: localeNames[l] }))}
    />
  );
}
