import { describe, expect, it } from 'vitest';
import { flush, render } from '../test-utils/render';
import { SubmitButton } from './submit-button';

type Pending = { key: string; resolve: () => void; reject: (e: Error) => void };

function deferredSubmit() {
  const calls: Pending[] = [];
  const onSubmit = (key: string) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ key, resolve, reject });
    });
  return { calls, onSubmit };
}

describe('SubmitButton', () => {
  it('ignores a second tap while the first is in flight', async () => {
    const { calls, onSubmit } = deferredSubmit();
    const r = await render(<SubmitButton label="Place order" busyLabel="Placing…" onSubmit={onSubmit} />);
    const button = r.find('[data-testid="submit"]');
    await r.tap(button);
    await r.tap(button);
    await r.tap(button);
    expect(calls).toHaveLength(1);
    expect(button!.textContent).toBe('Placing…');
    expect(button!.className).toContain('disabled');
    calls[0]!.resolve();
    await flush();
    expect(button!.textContent).toBe('Place order');
  });

  it('retries after a failure with the very same idempotency key', async () => {
    const { calls, onSubmit } = deferredSubmit();
    const r = await render(<SubmitButton label="Place order" busyLabel="Placing…" onSubmit={onSubmit} />);
    const button = r.find('[data-testid="submit"]');
    await r.tap(button);
    calls[0]!.reject(new Error('network'));
    await flush();
    await r.tap(button);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.key).toBe(calls[0]!.key);
    expect(calls[0]!.key).toMatch(/^mp-[0-9a-f]{32}$/);
  });

  it('a new screen makes a new key, and a disabled button sends nothing', async () => {
    const { calls, onSubmit } = deferredSubmit();
    const a = await render(<SubmitButton label="A" busyLabel="…" onSubmit={onSubmit} />);
    const b = await render(<SubmitButton label="B" busyLabel="…" onSubmit={onSubmit} />);
    const off = await render(<SubmitButton label="C" busyLabel="…" disabled onSubmit={onSubmit} />);
    await a.tap(a.find('[data-testid="submit"]'));
    await b.tap(b.find('[data-testid="submit"]'));
    await off.tap(off.find('[data-testid="submit"]'));
    expect(calls).toHaveLength(2);
    expect(calls[0]!.key).not.toBe(calls[1]!.key);
  });
});
