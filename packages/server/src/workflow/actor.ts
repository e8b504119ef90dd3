import { effectiveScope } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { WorkflowActor } from './engine.ts';

/** The request's actor as the workflow sees it: a staff member's scope is per transition permission. */
export function workflowActor(actor: Actor): WorkflowActor {
  if (actor.kind === 'customer') return { type: 'customer', id: actor.customerId };
  return {
    type: 'user',
    id: actor.userId,
    // the union of the scopes of every permission that lets them take it
    scopeFor: (t) => {
      const scopes = t.permissions.map((p) => effectiveScope(actor, p)).filter((s) => !!s);
      if (!scopes.length) return null;
      return {
        ...scopes[0]!,
        all: scopes.some((s) => s.all),
        own: scopes.some((s) => s.own),
        storeIds: [...new Set(scopes.flatMap((s) => s.storeIds))],
      };
    },
  };
}
