import { routes } from '@orderloop/contract';
import Taro, { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { api } from './lib/api';
import { session } from './state/session';
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
  useLaunch(() => {
    applyLaunch(launchQuery());
    // using the token slides its expiry on the server; a dead one signs out (the cart stays)
    if (session.get().token)
      api
        .call(routes.customerMe)
        .then((me) => session.set((s) => ({ ...s, me })))
        .catch(() => {});
  });
  return children;
}

export default App;
