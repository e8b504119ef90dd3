import { z } from 'zod';
import { timestampSchema } from './common.ts';

export const integrationKinds = ['email', 'webhook', 'erp'] as const;
export type IntegrationKind = (typeof integrationKinds)[number];

/** ok: it answered as it should; failed: it did not (detail says how); not_configured: nothing to try. */
export const integrationOutcomes = ['ok', 'failed', 'not_configured'] as const;
export type IntegrationOutcome = (typeof integrationOutcomes)[number];

/** What one connection test found (also what `orderloop doctor` prints per integration). */
export const integrationTestSchema = z
  .object({
    outcome: z.enum(integrationOutcomes),
    detail: z.string().describe('What the far end answered, or why it could not be reached'),
    latencyMs: z.number().int().nullable().describe('Time to the answer; null when nothing was tried'),
    httpStatus: z.number().int().nullable().describe('A webhook receiver’s HTTP status'),
    testedAt: timestampSchema,
  })
  .meta({ id: 'IntegrationTest' });
export type IntegrationTest = z.infer<typeof integrationTestSchema>;

/** One way out of the system (outgoing email, a webhook endpoint, the ERP push), credentials masked. */
export const integrationSchema = z
  .object({
    key: z.string().describe('`email`, `erp`, or the webhook endpoint’s id'),
    kind: z.enum(integrationKinds),
    target: z
      .string()
      .nullable()
      .describe('Where it connects, passwords masked (`smtp://user:***@host:587`); null when not configured'),
    configured: z.boolean(),
    enabled: z.boolean(),
    description: z.string().nullable(),
    lastTest: integrationTestSchema.nullable().describe('The latest "test connection" result, if any'),
  })
  .meta({ id: 'Integration' });
export type Integration = z.infer<typeof integrationSchema>;

/** The integration's key travels as `:id`, like every other path parameter. */
export const integrationKeyParams = z.object({
  id: z
    .string()
    .regex(/^(email|erp|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, 'format.key')
    .describe('The integration key: `email`, `erp`, or a webhook endpoint’s id'),
});
