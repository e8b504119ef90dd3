import { routes } from '@orderloop/contract';
import type { FastifyRequest } from 'fastify';
import { customerParent, type ParentRef, staffParent } from '../attachments/parent-access.ts';
import {
  customerListAttachments,
  customerUploadAttachment,
  listAttachments,
  uploadAttachment,
} from '../attachments/service.ts';
import type { FileStorage } from '../attachments/storage.ts';
import type { Config } from '../config.ts';
import { type Endpoint, endpoint } from '../http/register.ts';
import './attachment-parent.ts';
import {
  assignComplaint,
  commentOnComplaint,
  decideRefund,
  listAssignees,
  respondComplaint,
  transitionComplaint,
} from './change.ts';
import { fileCustomerComplaint, fileStaffComplaint } from './file.ts';
import {
  listComplaints,
  listCustomerComplaints,
  listOrderComplaints,
  readComplaint,
  readCustomerComplaint,
} from './read.ts';
import { getComplaintSettings, updateComplaintSettings } from './sla.ts';

const complaint = (id: string): ParentRef => ({ parentType: 'complaint', parentId: id });
const idempotencyKey = (req: FastifyRequest) => {
  const v = req.headers['idempotency-key'];
  return typeof v === 'string' && v ? v : undefined;
};

/** The complaint routes; photos go through the attachments module with 'complaint' parents. */
export function complaintEndpoints(storage: FileStorage, config: Config): Endpoint[] {
  const maxBytes = config.attachments.maxBytes;
  const file = (f: { data: Buffer; filename: string | null }) => ({ data: f.data, filename: f.filename });
  return [
    endpoint(routes.listComplaints, (ctx, { query }) => listComplaints(ctx, query)),
    endpoint(routes.getComplaint, (ctx, { params }) => readComplaint(ctx, params.id)),
    endpoint(routes.fileComplaint, (ctx, { params, body }) => fileStaffComplaint(ctx, params.id, body)),
    endpoint(routes.listOrderComplaints, (ctx, { params }) => listOrderComplaints(ctx, params.id)),
    endpoint(routes.transitionComplaint, (ctx, { params, body }) =>
      transitionComplaint(ctx, params.id, 'staff', body),
    ),
    endpoint(routes.assignComplaint, (ctx, { params, body }) => assignComplaint(ctx, params.id, body)),
    endpoint(routes.listComplaintAssignees, (ctx, { params }) => listAssignees(ctx, params.id)),
    endpoint(routes.respondComplaint, (ctx, { params, body }) => respondComplaint(ctx, params.id, body)),
    endpoint(routes.decideRefund, (ctx, { params, body }) => decideRefund(ctx, params.id, body)),
    endpoint(routes.listComplaintAttachments, (ctx, { params }) =>
      listAttachments(ctx, complaint(params.id)),
    ),
    endpoint(
      routes.uploadComplaintAttachment,
      (ctx, { params, file: f }) => uploadAttachment(ctx, storage, complaint(params.id), file(f)),
      { maxBytes, precheck: (ctx, params) => staffParent(ctx, complaint(params.id), 'write') },
    ),
    endpoint(routes.getComplaintSettings, (ctx) => getComplaintSettings(ctx)),
    endpoint(routes.updateComplaintSettings, (ctx, { body }) => updateComplaintSettings(ctx, body)),

    endpoint(routes.customerFileComplaint, async (ctx, { params, body }, { req, reply }) => {
      const { complaint: c, replayed } = await fileCustomerComplaint(
        ctx,
        params.id,
        body,
        idempotencyKey(req),
      );
      if (replayed) {
        // a replay changed nothing, so it has no audit entry of its own
        ctx.audited = true;
        reply.header('idempotent-replayed', 'true');
      }
      return c;
    }),
    endpoint(routes.customerListComplaints, (ctx, { query }) => listCustomerComplaints(ctx, query)),
    endpoint(routes.customerGetComplaint, (ctx, { params }) => readCustomerComplaint(ctx, params.id)),
    endpoint(routes.customerTransitionComplaint, (ctx, { params, body }) =>
      transitionComplaint(ctx, params.id, 'customer', body),
    ),
    endpoint(routes.customerCommentComplaint, (ctx, { params, body }) =>
      commentOnComplaint(ctx, params.id, body),
    ),
    endpoint(routes.customerListComplaintAttachments, (ctx, { params }) =>
      customerListAttachments(ctx, complaint(params.id)),
    ),
    endpoint(
      routes.customerUploadComplaintAttachment,
      (ctx, { params, file: f }) => customerUploadAttachment(ctx, storage, complaint(params.id), file(f)),
      { maxBytes, precheck: (ctx, params) => customerParent(ctx, complaint(params.id)) },
    ),
  ];
}
