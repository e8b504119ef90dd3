export default definePageConfig({ navigationBarTitleText: 'Orderloop' });
