import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { back } from '../lib/nav';
import './sub-header.scss';

/**
 * A page's title: in the native navigation bar on mini-programs, and on H5 (which has none) a bar of
 * our own with a back button.
 */
export function SubHeader({ title }: { title: string }) {
  useEffect(() => {
    Taro.setNavigationBarTitle({ title }).catch(() => {});
  }, [title]);
  if (process.env.TARO_ENV !== 'h5') return null;
  return (
    <View className="sub-header">
      <View className="sub-header-back" aria-label="back" onClick={back}>
        ‹
      </View>
      <View className="sub-header-title">{title}</View>
      <View className="sub-header-back" />
    </View>
  );
}
