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

/** Sales-rep mode: its own package, loaded only by reps, so the customers' main package stays small. */
export const subPackages = [{ root: 'staff', pages: ['login/index', 'home/index', 'new-order/index'] }];

export default defineAppConfig({
  pages,
  subPackages,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: 'Orderloop',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f6f6',
  },
});
