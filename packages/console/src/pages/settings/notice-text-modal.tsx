import {
  type Locale,
  locales,
  type NoticeText,
  noticeTextSchema,
  noticeVariables,
} from '@orderloop/contract';
import { Alert, Button, Flex, Form, Input, Modal, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { localeNames, useI18n } from '../../i18n/i18n-context.tsx';

type Texts = Partial<Record<Locale, NoticeText>>;

// what the preview fills in, per language; the real values come from the order when it is sent
const sample = (l: Locale): Record<(typeof noticeVariables)[number], string> => ({
  number: 'A-20261122-0042',
  customer: { 'zh-CN': '王女士', en: 'Ms Wang', ja: '王様' }[l],
  state: { 'zh-CN': '已接单', en: 'Accepted', ja: '受付済み' }[l],
  amount: { 'zh-CN': '¥86.00', en: 'CN¥86.00', ja: '元86.00' }[l],
  store: { 'zh-CN': '人民广场店', en: 'People’s Square', ja: '人民広場店' }[l],
  link: 'https://…/orders/…',
});
const fill = (s: string, l: Locale) =>
  s.replace(/\{(\w+)\}/g, (m, k: string) => sample(l)[k as keyof ReturnType<typeof sample>] ?? m);

/**
 * A business's own words for one notice, per language, starting from the built-in template. A
 * language left as built in is not stored, so later improvements of the template still reach it.
 */
export function NoticeTextModal({
  event,
  builtIn,
  value,
  open,
  onClose,
  onSave,
}: {
  event: string;
  builtIn: Record<Locale, NoticeText>;
  value: Texts | undefined;
  open: boolean;
  onClose: () => void;
  onSave: (texts: Texts | undefined) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Record<Locale, NoticeText>>(builtIn);
  const [tab, setTab] = useState<Locale>('zh-CN');
  useEffect(() => {
    if (open) setDraft(Object.fromEntries(locales.map((l) => [l, value?.[l] ?? builtIn[l]])) as never);
  }, [open, value, builtIn]);

  // the contract's own rule, so a wrong placeholder shows here before the server refuses it
  const problems = Object.fromEntries(
    locales.map((l) => {
      const parsed = noticeTextSchema.safeParse(draft[l]);
      return [l, parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0]))];
    }),
  ) as Record<Locale, string[]>;
  const valid = locales.every((l) => !problems[l].length);
  const set = (l: Locale, patch: Partial<NoticeText>) =>
    setDraft((d) => ({ ...d, [l]: { ...d[l], ...patch } }));

  const save = () => {
    const own: Texts = {};
    for (const l of locales) {
      const d = { title: draft[l].title.trim(), body: draft[l].body.trim() };
      if (d.title !== builtIn[l].title || d.body !== builtIn[l].body) own[l] = d;
    }
    onSave(Object.keys(own).length ? own : undefined);
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={720}
      title={
        <>
          {t('notify.texts.title')} <span className="muted mono">{event}</span>
        </>
      }
      footer={
        <Flex justify="space-between">
          <Button onClick={() => setDraft(builtIn)} data-testid="notice-text-builtin">
            {t('notify.texts.useBuiltIn')}
          </Button>
          <Flex gap={8}>
            <Button onClick={onClose}>{t('notify.texts.cancel')}</Button>
            <Button type="primary" disabled={!valid} onClick={save} data-testid="notice-text-apply">
              {t('notify.texts.apply')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('notify.texts.hint')}</Typography.Paragraph>
      <Flex gap={4} wrap style={{ marginBottom: 12 }}>
        {noticeVariables.map((v) => (
          <Tag key={v} className="mono">{`{${v}}`}</Tag>
        ))}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Locale)}
        items={locales.map((l) => ({
          key: l,
          label: (
            <span data-testid={`notice-text-tab-${l}`}>
              {localeNames[l]}
              {problems[l].length ? ' ⚠' : ''}
            </span>
          ),
          children: (
            <Form layout="vertical">
              <Form.Item
                label={t('notify.texts.noticeTitle')}
                validateStatus={problems[l].includes('title') ? 'error' : undefined}
                help={problems[l].includes('title') ? t('notify.texts.placeholderError') : undefined}
              >
                <Input
                  value={draft[l].title}
                  maxLength={120}
                  onChange={(e) => set(l, { title: e.target.value })}
                  data-testid={`notice-text-title-${l}`}
                />
              </Form.Item>
              <Form.Item
                label={t('notify.texts.noticeBody')}
                validateStatus={problems[l].includes('body') ? 'error' : undefined}
                help={problems[l].includes('body') ? t('notify.texts.placeholderError') : undefined}
              >
                <Input.TextArea
                  value={draft[l].body}
                  maxLength={1000}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  onChange={(e) => set(l, { body: e.target.value })}
                  data-testid={`notice-text-body-${l}`}
                />
              </Form.Item>
              <Alert
                type="info"
                message={fill(draft[l].title, l)}
                description={fill(draft[l].body, l)}
                data-testid={`notice-text-preview-${l}`}
              />
            </Form>
          ),
        }))}
      />
    </Modal>
  );
}
