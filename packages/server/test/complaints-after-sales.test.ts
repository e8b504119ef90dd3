import { routes } from '@orderloop/contract';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  biz,
  type Client,
  c,
  cust1,
  cust2,
  fileAsCustomer,
  fileAsStaff,
  ids,
  useComplaintsFixture,
} from './complaints-fixture.ts';
import { problemOf, statusOf } from './expect-problem.ts';

useComplaintsFixture();

// what complaints.test.ts files while it tests filing: one by a customer, one in each store by staff
beforeAll(async () => {
  ids.c1 = (await fileAsCustomer(cust1, ids.custOrder1!, 'The desk arrived scratched')).id;
  ids.cA = (await fileAsStaff(c.svcA, ids.orderA!)).id;
  await fileAsStaff(c.svcB, ids.orderB!, 'complaint');
});
describe('refund decisions', () => {
  it('need refunds.approve and stay within what the order has left', async () => {
    const made = await fileAsStaff(c.svcA, ids.orderA!, 'refund');
    const v = made.version;
    expect(made.orderTotal).toBeGreaterThan(0);
    const half = Math.floor(made.orderTotal / 2);
    // earlier decisions on this order (none yet) leave the whole total refundable
    expect(made.refundable).toBe(made.orderTotal);
    expect(made.canDecideRefund).toBe(false);
    expect(
      await statusOf(
        c.svcA.call(routes.decideRefund, {
          params: { id: made.id },
          body: { amount: 1, expectedVersion: v },
        }),
      ),
    ).toBe(403);
    const zero = await problemOf(
      c.approver.call(routes.decideRefund, {
        params: { id: made.id },
        body: { amount: 0, expectedVersion: v },
      }),
    );
    expect([zero.status, zero.fields?.[0]?.field]).toEqual([400, 'body.amount']);
    const tooMuch = await problemOf(
      c.approver.call(routes.decideRefund, {
        params: { id: made.id },
        body: { amount: made.orderTotal + 1, expectedVersion: v },
      }),
    );
    expect([tooMuch.status, tooMuch.code, tooMuch.fields?.[0]?.field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'body.amount',
    ]);
    const first = await c.approver.call(routes.decideRefund, {
      params: { id: made.id },
      body: { amount: half, note: 'Half back', expectedVersion: v },
    });
    expect(first.refunds).toMatchObject([{ amount: half, status: 'decided', currency: 'CNY' }]);
    expect(first.refundable).toBe(made.orderTotal - half);
    // a second complaint on the same order sees what the first one already gave back
    const second = await fileAsStaff(c.svcA, ids.orderA!, 'refund');
    expect(second.refundable).toBe(made.orderTotal - half);
    const over = await problemOf(
      c.approver.call(routes.decideRefund, {
        params: { id: second.id },
        body: { amount: made.orderTotal - half + 1, expectedVersion: second.version },
      }),
    );
    expect(over.meta?.refundable).toBe(made.orderTotal - half);
    const rest = await c.approver.call(routes.decideRefund, {
      params: { id: second.id },
      body: { amount: made.orderTotal - half, expectedVersion: second.version },
    });
    expect(rest.refundable).toBe(0);
    // a resolved complaint takes no more decisions
    const done = await act(c.svcA, made.id, 'resolve', first.version, 'Refunded half');
    const closed = await problemOf(
      c.approver.call(routes.decideRefund, {
        params: { id: made.id },
        body: { amount: 1, expectedVersion: done.version },
      }),
    );
    expect([closed.status, closed.code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);
  });
});

describe('scope and lists', () => {
  it('lists only complaints of my stores, filtered and paged', async () => {
    const mineA = await c.svcA.call(routes.listComplaints, { query: { limit: 200 } });
    expect(mineA.items.length).toBeGreaterThan(0);
    expect(mineA.items.every((i) => i.storeId === biz.storeA)).toBe(true);
    const mineB = await c.svcB.call(routes.listComplaints, { query: { limit: 200 } });
    expect(mineB.items.every((i) => i.storeId === biz.storeB)).toBe(true);
    expect(mineB.items.length).toBeGreaterThan(0);
    expect(await statusOf(c.svcB.call(routes.getComplaint, { params: { id: ids.cA! } }))).toBe(403);
    expect(await statusOf(c.otherAdmin.call(routes.getComplaint, { params: { id: ids.cA! } }))).toBe(404);
    expect((await c.otherAdmin.call(routes.listComplaints, { query: {} })).items).toEqual([]);
    // keyset pages: one at a time, every complaint once, newest first
    const all = await c.admin.call(routes.listComplaints, { query: { limit: 200 } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.admin.call(routes.listComplaints, { query: { limit: 2, cursor } });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    const returns = await c.admin.call(routes.listComplaints, {
      query: { kind: ['return'], state: ['open'] },
    });
    expect(returns.items.every((i) => i.kind === 'return' && i.state === 'open')).toBe(true);
    const forOrder = await c.coordA.call(routes.listOrderComplaints, { params: { id: ids.orderA! } });
    expect(forOrder.items.every((i) => i.orderId === ids.orderA)).toBe(true);
    expect(forOrder.openCount).toBe(
      forOrder.items.filter((i) => ['open', 'in_progress'].includes(i.state)).length,
    );
    expect(await statusOf(c.coordA.call(routes.listOrderComplaints, { params: { id: ids.orderB! } }))).toBe(
      403,
    );
  });
});

describe('photos', () => {
  it('customers and handlers attach photos; readers in scope see them', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const byCustomer = await cust1.call(routes.customerUploadComplaintAttachment, {
      params: { id: ids.c1! },
      file: { data: png, filename: 'scratch.png' },
    });
    expect(byCustomer).toMatchObject({
      parentType: 'complaint',
      parentId: ids.c1,
      kind: 'image',
      hasThumbnail: true,
    });
    expect(
      await statusOf(
        cust2.call(routes.customerUploadComplaintAttachment, {
          params: { id: ids.c1! },
          file: { data: png, filename: 'x.png' },
        }),
      ),
    ).toBe(404);
    const byStaff = await c.svcA.call(routes.uploadComplaintAttachment, {
      params: { id: ids.c1! },
      file: { data: png, filename: 'inspection.png' },
    });
    expect(
      await statusOf(
        c.coordA.call(routes.uploadComplaintAttachment, {
          params: { id: ids.c1! },
          file: { data: png, filename: 'x.png' },
        }),
      ),
    ).toBe(403);
    const seenByReader = await c.coordA.call(routes.listComplaintAttachments, { params: { id: ids.c1! } });
    expect(seenByReader.items.map((a) => a.id).sort()).toEqual([byCustomer.id, byStaff.id].sort());
    expect(await statusOf(c.svcB.call(routes.listComplaintAttachments, { params: { id: ids.c1! } }))).toBe(
      403,
    );
    const thumb = await cust1.call(routes.customerDownloadAttachmentThumbnail, {
      params: { id: byStaff.id },
    });
    expect(thumb.contentType).toBe('image/webp');
    const mine = await cust1.call(routes.customerListComplaintAttachments, { params: { id: ids.c1! } });
    expect(mine.items).toHaveLength(2);
  });
});

describe('exceptions view', () => {
  it('lists open complaints with their order and owner in the reader’s scope, until they are resolved', async () => {
    const filed = await fileAsStaff(c.svcA, ids.orderA!, 'complaint');
    await c.admin.call(routes.assignComplaint, {
      params: { id: filed.id },
      body: { assigneeId: ids.svcA!, expectedVersion: filed.version },
    });
    const listed = async (client: Client) =>
      (
        await client.call(routes.listExceptions, { query: { kind: 'complaint_open', limit: 200 } })
      ).items.find((i) => i.id === `complaint_open:${filed.id}`);
    const seen = await listed(c.coordA);
    expect(seen?.order?.id).toBe(ids.orderA);
    expect(seen?.storeId).toBe(biz.storeA);
    expect(seen?.owner.userId).toBe(ids.svcA);
    expect(seen?.detail).toBe('Broken leg');
    expect(await listed(c.svcB)).toBeUndefined();
    const summary = await c.coordA.call(routes.exceptionSummary, { query: {} });
    expect(summary.counts.complaint_open).toBeGreaterThan(0);

    const now = await c.admin.call(routes.getComplaint, { params: { id: filed.id } });
    await act(c.svcA, filed.id, 'start', now.version);
    await act(c.svcA, filed.id, 'resolve', now.version + 1, 'Replaced the leg');
    expect(await listed(c.coordA)).toBeUndefined();
  });
});
