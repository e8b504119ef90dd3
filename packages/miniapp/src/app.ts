import Taro, { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { applyLaunch } from './state/shop';
import './app.scss';

/** The launch link's query: `?store=…&table=…` from a table QR code (or the H5 page's URL). */
function launchQuery(): Record<string, string> {
  const query = { ...(Taro.getLaunchOptionsSync?.()?.query ?? {}) } as Record<string, string>;
  if (process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') {
    const search = new URLSearchParams(location.search);
    const hashQuery = location.hash.split('?')[1];
    for (const params of [search, new URLSearchParams(hashQuery ?? '')])
      for (const [k, v] of params) query[k] = v;
  }
  return query;
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => applyLaunch(launchQuery()));
  return children;
}

export default App;
