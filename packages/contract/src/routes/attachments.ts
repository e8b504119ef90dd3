import { defineRoute, type RouteDef } from '../route.ts';
import {
  attachmentContentTypes,
  attachmentLimits,
  attachmentListSchema,
  attachmentSchema,
} from '../schemas/attachments.ts';
import { idParams } from '../schemas/common.ts';
import { anyStaff, customer, staff } from './access.ts';

const tag = 'attachments';
const upload = {
  contentTypes: ['multipart/form-data'],
  maxBytes: attachmentLimits.maxBytes,
  multipart: { field: attachmentLimits.field },
} as const;
const file = { contentTypes: attachmentContentTypes };
const thumbnail = { contentTypes: ['image/webp'] };
const typesNote =
  'JPEG, PNG, WebP, GIF, AVIF, HEIC, PDF or XLSX, judged by content (415 `UNSUPPORTED_FILE_TYPE` ' +
  'otherwise); at most ATTACHMENT_MAX_BYTES (413 `FILE_TOO_LARGE`); pictures get a WebP thumbnail';

export const attachmentRoutes = {
  listOrderAttachments: defineRoute({
    method: 'GET',
    path: '/api/orders/:id/attachments',
    summary: "An order's photos and files (whoever can read the order)",
    tag,
    access: staff('orders.read'),
    params: idParams,
    response: attachmentListSchema,
  }),
  uploadOrderAttachment: defineRoute({
    method: 'POST',
    path: '/api/orders/:id/attachments',
    summary: `Attach a photo or file to an order I can read (multipart field \`file\`): ${typesNote}`,
    tag,
    access: staff('orders.attach'),
    params: idParams,
    response: attachmentSchema,
    status: 201,
    upload,
  }),
  listProductAttachments: defineRoute({
    method: 'GET',
    path: '/api/catalog/products/:id/attachments',
    summary: "A product's pictures and files",
    tag,
    access: staff('catalog.read'),
    params: idParams,
    response: attachmentListSchema,
  }),
  uploadProductAttachment: defineRoute({
    method: 'POST',
    path: '/api/catalog/products/:id/attachments',
    summary: `Attach a picture or file to a product (multipart field \`file\`): ${typesNote}`,
    tag,
    access: staff('catalog.write'),
    params: idParams,
    response: attachmentSchema,
    status: 201,
    upload,
  }),
  downloadAttachment: defineRoute({
    method: 'GET',
    path: '/api/attachments/:id/file',
    summary:
      'The original file, for whoever can read its parent record (an order: `orders.read` in scope; ' +
      'a product: `catalog.read`); otherwise as the parent would answer',
    tag,
    access: anyStaff,
    params: idParams,
    response: null,
    download: file,
  }),
  downloadAttachmentThumbnail: defineRoute({
    method: 'GET',
    path: '/api/attachments/:id/thumbnail',
    summary: "A picture's WebP thumbnail (404 for files without one); same access as the file",
    tag,
    access: anyStaff,
    params: idParams,
    response: null,
    download: thumbnail,
  }),
  deleteAttachment: defineRoute({
    method: 'DELETE',
    path: '/api/attachments/:id',
    summary:
      'Remove an attachment: its uploader (still able to read the parent), or anyone who may attach to ' +
      'the parent (`orders.attach` in scope, `catalog.write`)',
    tag,
    access: anyStaff,
    params: idParams,
    response: null,
    status: 204,
  }),

  customerListOrderAttachments: defineRoute({
    method: 'GET',
    path: '/api/customer/orders/:id/attachments',
    summary: "The photos and files of one of my orders (another customer's order answers 404)",
    tag,
    access: customer,
    params: idParams,
    response: attachmentListSchema,
  }),
  customerUploadOrderAttachment: defineRoute({
    method: 'POST',
    path: '/api/customer/orders/:id/attachments',
    summary: `Attach a photo or file to one of my orders (multipart field \`file\`): ${typesNote}`,
    tag,
    access: customer,
    params: idParams,
    response: attachmentSchema,
    status: 201,
    upload,
  }),
  customerDownloadAttachment: defineRoute({
    method: 'GET',
    path: '/api/customer/attachments/:id/file',
    summary: 'The original file of an attachment on one of my orders',
    tag,
    access: customer,
    params: idParams,
    response: null,
    download: file,
  }),
  customerDownloadAttachmentThumbnail: defineRoute({
    method: 'GET',
    path: '/api/customer/attachments/:id/thumbnail',
    summary: 'The WebP thumbnail of a picture on one of my orders',
    tag,
    access: customer,
    params: idParams,
    response: null,
    download: thumbnail,
  }),
  customerDeleteAttachment: defineRoute({
    method: 'DELETE',
    path: '/api/customer/attachments/:id',
    summary: 'Remove a file I attached myself to one of my orders',
    tag,
    access: customer,
    params: idParams,
    response: null,
    status: 204,
  }),
} satisfies Record<string, RouteDef>;
