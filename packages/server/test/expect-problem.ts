import { ApiError, type Problem } from '@orderloop/contract';

/** Awaits a call that must fail with a problem response, and returns the problem. */
export async function problemOf(call: Promise<unknown>): Promise<Problem> {
  try {
    await call;
  } catch (e) {
    if (e instanceof ApiError) return e.problem;
    throw e;
  }
  throw new Error('expected the request to fail, but it succeeded');
}

/** The HTTP status of a call: 200 when it succeeds, the problem status when it fails. */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
}
