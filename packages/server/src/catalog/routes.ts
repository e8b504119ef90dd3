import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { createCategory, listCategories, updateCategory } from './categories.ts';
import { exportCatalog } from './export.ts';
import { importCatalog } from './import.ts';
import { createPriceList, listPriceLists, updatePriceList } from './price-lists.ts';
import { getProduct, listProducts } from './product-read.ts';
import { createProduct, setSoldOut, updateProduct } from './product-write.ts';
import { adjustStock, listStock, listStockMovements } from './stock.ts';

export const catalogEndpoints: Endpoint[] = [
  endpoint(routes.listCategories, (ctx) => listCategories(ctx)),
  endpoint(routes.createCategory, (ctx, { body }) => createCategory(ctx, body)),
  endpoint(routes.updateCategory, (ctx, { params, body }) => updateCategory(ctx, params.id, body)),
  endpoint(routes.listProducts, (ctx, { query }) => listProducts(ctx, query)),
  endpoint(routes.getProduct, (ctx, { params }) => getProduct(ctx, params.id)),
  endpoint(routes.createProduct, (ctx, { body }) => createProduct(ctx, body)),
  endpoint(routes.updateProduct, (ctx, { params, body }) => updateProduct(ctx, params.id, body)),
  endpoint(routes.setSoldOut, (ctx, { params, body }) => setSoldOut(ctx, params.id, body)),
  endpoint(routes.listStock, (ctx, { query }) => listStock(ctx, query)),
  endpoint(routes.adjustStock, (ctx, { body }) => adjustStock(ctx, body)),
  endpoint(routes.listStockMovements, (ctx, { query }) => listStockMovements(ctx, query)),
  endpoint(routes.listPriceLists, (ctx) => listPriceLists(ctx)),
  endpoint(routes.createPriceList, (ctx, { body }) => createPriceList(ctx, body)),
  endpoint(routes.updatePriceList, (ctx, { params, body }) => updatePriceList(ctx, params.id, body)),
  endpoint(routes.exportCatalog, (ctx, { query }, { reply }) => exportCatalog(ctx, query, reply)),
  endpoint(routes.importCatalog, (ctx, { query, file }) => importCatalog(ctx, file, query)),
];
