import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/db/schema.ts',
    './src/db/catalog-schema.ts',
    './src/db/order-schema.ts',
    './src/db/workflow-schema.ts',
    './src/db/attachment-schema.ts',
    './src/db/order-tools-schema.ts',
    './src/db/storefront-schema.ts',
    './src/db/notify-schema.ts',
    './src/db/complaint-schema.ts',
    './src/db/exceptions-schema.ts',
    './src/db/report-schema.ts',
    './src/db/mobile-schema.ts',
  ],
  out: './migrations',
});
