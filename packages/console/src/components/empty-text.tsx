import { Empty } from 'antd';

/** A table's empty state: nothing while loading, a short explanation once loaded. */
export const emptyText = (loading: boolean, text: string) =>
  loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
