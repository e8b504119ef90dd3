import { type ApiClient, routes, type WorkflowDefinition } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema.ts';
import { workflows } from '../src/db/workflow-schema.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let coord: ApiClient;

const login = async (role: string, scope: 'own' | 'store' | 'all', storeId?: string) =>
  s.loginToken((await makeUser(s.database.db, biz, [{ role, scope, storeId }])).username, PASSWORD);

const current = async () => {
  const [wf] = (await admin.call(routes.listWorkflows)).items;
  return structuredClone(wf!.definition) as WorkflowDefinition;
};

beforeAll(async () => {
  s = await startTestServer();
  biz = await makeBusiness(s.database.db, 'b2b');
  admin = await login('admin', 'all');
  coord = await login('coordinator', 'store', biz.storeA);
}, 60_000);
afterAll(() => s.close());

describe('POST /api/workflows/validate', () => {
  it('accepts a good definition with the version publishing would give, and writes nothing', async () => {
    const d = await current();
    const before = await s.database.db.select().from(workflows).where(eq(workflows.businessId, biz.id));
    const out = await admin.call(routes.validateWorkflow, { body: { definition: d } });
    expect(out).toEqual({
      valid: true,
      states: d.states.length,
      transitions: d.transitions.length,
      nextVersion: 2,
    });
    const after = await s.database.db.select().from(workflows).where(eq(workflows.businessId, biz.id));
    expect(after.length).toBe(before.length);
    const audits = await s.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.businessId, biz.id), eq(auditLog.entityType, 'workflow')));
    expect(audits).toHaveLength(0);
  });

  it('answers a broken graph with the same status and WORKFLOW_INVALID field errors as publishing', async () => {
    const d = await current();
    d.transitions[0]!.to = 'nowhere';
    const checked = await problemOf(admin.call(routes.validateWorkflow, { body: { definition: d } }));
    const published = await problemOf(admin.call(routes.publishWorkflow, { body: { definition: d } }));
    expect(checked.status).toBe(published.status);
    expect(checked.code).toBe('WORKFLOW_INVALID');
    expect(checked.fields).toEqual(published.fields);
    expect(checked.fields).toContainEqual(
      expect.objectContaining({ field: 'body.definition.transitions.0.to', code: 'unknown_state' }),
    );
  });

  it('reports schema problems (a bad state key) as field errors too', async () => {
    const d = await current();
    d.states[1]!.key = 'Not A Key';
    const p = await problemOf(admin.call(routes.validateWorkflow, { body: { definition: d } }));
    expect(p.status).toBe(400);
    expect(p.fields?.some((f) => f.field === 'body.definition.states.1.key')).toBe(true);
  });

  it('is for workflow managers only', async () => {
    const d = await current();
    expect((await problemOf(coord.call(routes.validateWorkflow, { body: { definition: d } }))).status).toBe(
      403,
    );
  });
});
