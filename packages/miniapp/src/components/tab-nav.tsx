import { View } from '@tarojs/components';
import { useT } from '../lib/i18n';
import { type Page, switchTo } from '../lib/nav';
import './tab-nav.scss';

const tabs = [
  ['home', 'tab.home'],
  ['menu', 'tab.menu'],
  ['orders', 'tab.orders'],
  ['profile', 'tab.profile'],
] as const;

/** The app's own bottom navigation (the same on every platform, no icon files needed). */
export function TabNav({ current }: { current: Page }) {
  const t = useT();
  return (
    <View className="tab-nav">
      {tabs.map(([page, key]) => (
        <View
          key={page}
          className={`tab-nav-item ${page === current ? 'on' : ''}`}
          onClick={() => page !== current && switchTo(page)}
        >
          {t(key)}
        </View>
      ))}
    </View>
  );
}
