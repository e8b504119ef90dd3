import { View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { newKey } from '../lib/api';

type Props = {
  label: string;
  busyLabel: string;
  disabled?: boolean;
  testId?: string;
  /** Sends the request with this key; the same key for every tap of this button, retries included. */
  onSubmit: (idempotencyKey: string) => Promise<void>;
};

/**
 * The button that places an order. Its idempotency key is made when the screen opens and kept for
 * every retry, so the server makes one order however often it hears the request; a tap while one
 * is in flight is ignored before React has even re-rendered (a ref, not state, guards it).
 */
export function SubmitButton({ label, busyLabel, disabled = false, testId = 'submit', onSubmit }: Props) {
  const key = useRef(newKey());
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const tap = async () => {
    if (inFlight.current || disabled) return;
    inFlight.current = true;
    setBusy(true);
    try {
      await onSubmit(key.current);
    } catch {
      // the screen shows the failure; the button only has to be ready for the retry
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return (
    <View
      className={`btn ${busy || disabled ? 'disabled' : ''}`}
      data-testid={testId}
      onClick={() => void tap()}
    >
      {busy ? busyLabel : label}
    </View>
  );
}
