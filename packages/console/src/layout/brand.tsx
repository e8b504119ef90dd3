import { Flex } from 'antd';
import { useI18n } from '../i18n/i18n-context.tsx';

export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#1677ff" />
      <path d="M9 16a7 7 0 1 1 7 7" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      <path
        d="M16 19v4h-4"
        fill="none"
        stroke="#fff"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Brand() {
  const { t } = useI18n();
  return (
    <Flex align="center" gap={10} className="brand">
      <BrandMark />
      <span className="brand-name">{t('app.name')}</span>
    </Flex>
  );
}
