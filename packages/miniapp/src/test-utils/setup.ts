import * as h5 from '@tarojs/taro-h5';

// In an H5 build Taro's platform plugin puts every API on the default export; here we do it
Object.assign(h5.default as object, h5);
// React's act() warns unless the environment says it is a test
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
