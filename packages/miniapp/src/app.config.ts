export const pages = [
  'pages/home/index',
  'pages/menu/index',
  'pages/product/index',
  'pages/cart/index',
  'pages/confirm/index',
  'pages/orders/index',
  'pages/order/index',
  'pages/profile/index',
  'pages/complaint/index',
];

export default defineAppConfig({
  pages,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: 'Orderloop',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f6f6',
  },
});
