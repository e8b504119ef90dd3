export default definePageConfig({ navigationBarTitleText: 'Orderloop', enablePullDownRefresh: false });
