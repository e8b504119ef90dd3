import type { Locale } from '@orderloop/contract';
import { Input, Space } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export const locales: Locale[] = ['zh-CN', 'en', 'ja'];

/** Problems from the last validation, under the item they are about. */
export function Problems({ messages }: { messages?: string[] }) {
  return messages?.length ? (
    <div className="field-problem" data-testid="field-problem">
      {messages.join('; ')}
    </div>
  ) : null;
}

export function NameInputs({
  value,
  onChange,
}: {
  value: Record<Locale, string>;
  onChange: (v: Record<Locale, string>) => void;
}) {
  return (
    <Space.Compact block>
      {locales.map((l) => (
        <Input
          key={l}
          size="small"
          value={value[l]}
          placeholder={l}
          onChange={(e) => onChange({ ...value, [l]: e.target.value })}
        />
      ))}
    </Space.Compact>
  );
}

/** A label above its control, for the detail panels. */
export function Field({
  label,
  children,
  style,
}: {
  label: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
}) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 2, ...style }}>
      <span className="muted" style={{ fontSize: 12 }}>
        {label}
      </span>
      {children}
    </div>
  );
}

/** A sub-section inside a detail panel: title, its add control, then its items. */
export function DetailSection({
  title,
  extra,
  children,
  testId,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div style={{ marginTop: 10 }} data-testid={testId}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 4, fontWeight: 600 }}>
        {title}
        {extra}
      </div>
      {children}
    </div>
  );
}

/** One entry of an editable list (an effect, a condition, an approval step). */
export const itemStyle: CSSProperties = { padding: '4px 0', borderBottom: '1px dashed #f0f0f0' };

/** The controls of one entry side by side, wrapping when narrow, aligned on their inputs. */
export const rowStyle: CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: 8 };
