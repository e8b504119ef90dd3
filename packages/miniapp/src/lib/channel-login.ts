import { type RouteOutput, type Routes, routes } from '@orderloop/contract';
import Taro from '@tarojs/taro';
import { api } from './api';

type LoginResult = RouteOutput<Routes['customerLogin']>;

// Alipay's own API object on its runtime (Taro has no typed wrapper for getAuthCode)
declare const my: {
  getAuthCode: (o: {
    scopes: string;
    success: (r: { authCode: string }) => void;
    fail: (e: unknown) => void;
  }) => void;
};

/** Where this build runs, as the server names login channels. */
export const platform = (): 'wechat' | 'alipay' | 'h5' =>
  process.env.TARO_ENV === 'weapp' ? 'wechat' : process.env.TARO_ENV === 'alipay' ? 'alipay' : 'h5';

/**
 * One-tap sign-in inside a mini-program: the platform's one-time code goes to the server, which
 * exchanges it (code2session / oauth.token) and answers with our own bearer token.
 */
export async function platformLogin(business: string): Promise<LoginResult> {
  if (process.env.TARO_ENV === 'weapp') {
    const { code } = await Taro.login();
    return api.call(routes.customerWechatLogin, { body: { business, code } });
  }
  if (process.env.TARO_ENV === 'alipay') {
    const code = await new Promise<string>((resolve, reject) =>
      my.getAuthCode({ scopes: 'auth_base', success: (r) => resolve(r.authCode), fail: reject }),
    );
    return api.call(routes.customerAlipayLogin, { body: { business, code } });
  }
  throw new Error('phone sign-in only on H5');
}
