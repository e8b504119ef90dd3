/// <reference types="@tarojs/taro" />

declare module '*.scss';

declare const API_BASE: string;
declare const BUSINESS: string;

declare namespace NodeJS {
  // biome-ignore lint/style/useConsistentTypeDefinitions: merging into Node's ProcessEnv needs an interface
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'alipay' | 'h5';
  }
}
