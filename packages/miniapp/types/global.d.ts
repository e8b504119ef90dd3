/// <reference types="@tarojs/taro" />

declare module '*.scss';

declare const API_BASE: string;
declare const BUSINESS: string;
/** WeChat subscribe-message template ids for order accepted / ready / rejected ('' when not set up). */
declare const SUBSCRIBE_TEMPLATES: { order_accepted: string; order_ready: string; order_rejected: string };

declare namespace NodeJS {
  // biome-ignore lint/style/useConsistentTypeDefinitions: merging into Node's ProcessEnv needs an interface
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'alipay' | 'h5';
  }
}
