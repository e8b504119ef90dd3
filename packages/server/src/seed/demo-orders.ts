import { and, eq, sql } from 'drizzle-orm';
import { products, skus } from '../db/catalog-schema.ts';
import { orders } from '../db/order-schema.ts';
import { businesses, customers, stores, users } from '../db/schema.ts';
import type { Deps } from '../http/context.ts';
import { placeOrder } from '../orders/place.ts';
import { currentWorkflow } from '../workflow/definitions.ts';
import { runTransition, type WorkflowActor } from '../workflow/engine.ts';
import { systemCtx } from '../workflow/timers.ts';

// a demo user acting with their business-wide reach, so the seed can walk any order
const as = (id: string): WorkflowActor => ({
  type: 'user',
  id,
  scopeFor: (t) => ({
    actor: null as never,
    permission: t.permissions[0]!,
    all: true,
    storeIds: [],
    own: false,
  }),
});

type Plan = {
  by: string;
  lines: number[];
  steps: [string, string, Record<string, unknown>?][];
  discount?: number;
};

const restaurantPlans: Plan[] = [
  { by: 'rest-staff', lines: [0, 1], steps: [] },
  { by: 'rest-staff', lines: [2], steps: [] },
  { by: 'rest-staff', lines: [1, 3], steps: [['accept', 'rest-staff', { prepMinutes: 15 }]] },
  {
    by: 'rest-staff',
    lines: [0],
    steps: [
      ['accept', 'rest-staff'],
      ['start', 'rest-kitchen'],
    ],
  },
  {
    by: 'rest-staff',
    lines: [2, 3],
    steps: [
      ['accept', 'rest-staff'],
      ['start', 'rest-kitchen'],
      ['ready', 'rest-kitchen'],
    ],
  },
  {
    by: 'rest-staff',
    lines: [1],
    steps: [
      ['accept', 'rest-staff'],
      ['start', 'rest-kitchen'],
      ['ready', 'rest-kitchen'],
      ['complete', 'rest-staff'],
    ],
  },
  { by: 'rest-staff', lines: [0, 2], steps: [['reject', 'rest-staff', { reason: '食材不足' }]] },
];
const factoryPlans: Plan[] = [
  { by: 'fact-sales1', lines: [0], steps: [['submit', 'fact-sales1']] },
  {
    by: 'fact-sales1',
    lines: [1, 2],
    steps: [
      ['submit', 'fact-sales1'],
      ['review', 'fact-coord'],
    ],
  },
  {
    by: 'fact-sales1',
    lines: [0, 1],
    discount: 15,
    steps: [
      ['submit', 'fact-sales1'],
      ['review', 'fact-coord'],
    ],
  },
  {
    by: 'fact-sales2',
    lines: [2],
    steps: [
      ['submit', 'fact-sales2'],
      ['review', 'fact-coord'],
      ['approve', 'fact-approver'],
      ['start_production', 'fact-coord'],
      ['report_stage', 'fact-workshop', { stage: 'cutting' }],
    ],
  },
  {
    by: 'fact-sales1',
    lines: [3],
    steps: [
      ['submit', 'fact-sales1'],
      ['review', 'fact-coord'],
      ['approve', 'fact-approver'],
      ['start_production', 'fact-coord'],
      ['finish_production', 'fact-workshop'],
    ],
  },
  { by: 'fact-sales2', lines: [1], steps: [] },
];

/**
 * A few live orders per demo business, entered and moved through the real services, so the
 * console's lists, board and approvals inbox have something to show on first start.
 */
export async function seedDemoOrders(deps: Deps, log: (m: string) => void = () => {}) {
  for (const [slug, plans] of [
    ['demo-restaurant', restaurantPlans],
    ['demo-factory', factoryPlans],
  ] as const) {
    const [b] = await deps.db.select().from(businesses).where(eq(businesses.slug, slug));
    if (!b) continue;
    const [{ n } = { n: 0 }] = await deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(eq(orders.businessId, b.id));
    if (n > 0) continue;
    await currentWorkflow(deps.db, b.id);
    const [store] = await deps.db
      .select()
      .from(stores)
      .where(eq(stores.businessId, b.id))
      .orderBy(stores.code)
      .limit(1);
    const people = new Map(
      (await deps.db.select().from(users).where(eq(users.businessId, b.id))).map((u) => [u.username, u.id]),
    );
    // SKUs whose products have no required options, so a plain line is orderable
    const plain = await deps.db
      .select({ id: skus.id })
      .from(skus)
      .innerJoin(products, eq(products.id, skus.productId))
      .where(
        and(
          eq(skus.businessId, b.id),
          sql`NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${products.optionGroups}) g WHERE (g->>'required')::boolean AND NOT coalesce((g->>'variant')::boolean, false))`,
        ),
      )
      .orderBy(skus.code)
      .limit(4);
    const accounts = await deps.db.select().from(customers).where(eq(customers.businessId, b.id));
    for (const [i, plan] of plans.entries()) {
      const by = people.get(plan.by)!;
      const customer =
        accounts.find((c) => c.salesRepId === by) ?? accounts[i % Math.max(accounts.length, 1)];
      const ctx = systemCtx(deps, `demo-seed:${slug}:${i}`);
      const order = await placeOrder(ctx, {
        store: store!,
        customerId: customer?.id ?? null,
        channel: 'console',
        submit: b.kind === 'restaurant',
        quote: {
          storeId: store!.id,
          customerId: customer?.id ?? null,
          fulfilment: b.kind === 'b2b' ? 'shipment' : i % 2 ? 'pickup' : 'dine_in',
          lines: plan.lines.flatMap((k) =>
            plain[k] ? [{ skuId: plain[k].id, quantity: 1 + (k % 3), modifiers: {} }] : [],
          ),
          orderDiscount: plan.discount ? { kind: 'percent', value: plan.discount } : null,
        },
        fields: {
          contact: {
            name: customer?.contactName ?? customer?.name ?? undefined,
            phone: customer?.phone ?? undefined,
          },
          fulfilmentDetails: b.kind === 'restaurant' && !(i % 2) ? { tableNumber: String(3 + i) } : {},
          notes: null,
          tags: [],
          customFields: {},
          salesRepId: b.kind === 'b2b' ? by : null,
          assignedTo: null,
          createdBy: by,
        },
        claim: null,
      });
      for (const [action, who, input] of plan.steps)
        await deps.db.transaction((tx) =>
          runTransition(tx, ctx, order.id, { action, input: input ?? {} }, as(people.get(who)!)),
        );
    }
    log(`seeded ${plans.length} live demo orders for ${slug}`);
  }
}
