import { type MessageEvent, messageEvents, routes } from '@orderloop/contract';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../lib/api';
import { platform } from '../lib/channel-login';
import { useT } from '../lib/i18n';

type Answers = Partial<Record<MessageEvent, 'accept' | 'reject'>>;

/** WeChat's own consent sheet, when the build knows the templates; its answer per template. */
async function askWechat(): Promise<Answers | null> {
  const ids = messageEvents.map((e) => [e, SUBSCRIBE_TEMPLATES[e]] as const).filter(([, id]) => id);
  if (process.env.TARO_ENV !== 'weapp' || !ids.length) return null;
  const r = (await Taro.requestSubscribeMessage({
    tmplIds: ids.map(([, id]) => id),
    entityIds: [],
  })) as unknown as Record<string, string>;
  return Object.fromEntries(ids.map(([e, id]) => [e, r[id] === 'accept' ? 'accept' : 'reject']));
}

/**
 * Asked right after an order is placed (the natural moment): may we tell you when the store accepts,
 * readies or rejects it? The answer is recorded on the server and shown in the profile.
 */
export function ConsentPrompt({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const answer = async (allow: boolean) => {
    setBusy(true);
    try {
      const native = allow ? await askWechat().catch(() => null) : null;
      const answers: Answers =
        native ?? Object.fromEntries(messageEvents.map((e) => [e, allow ? 'accept' : 'reject']));
      await api.call(routes.customerSetConsent, { body: { channel: platform(), answers } });
    } catch {
      // not recorded: the profile shows "not set" and the prompt comes again after the next order
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return (
    <View className="card consent" data-testid="consent-prompt">
      <View className="section-title">{t('consent.title')}</View>
      <View className="muted" style={{ marginBottom: '20px' }}>
        {t('consent.body')}
      </View>
      <View className="consent-buttons">
        <View
          className={`btn ghost ${busy ? 'disabled' : ''}`}
          data-testid="consent-deny"
          onClick={() => !busy && void answer(false)}
        >
          {t('consent.deny')}
        </View>
        <View
          className={`btn ${busy ? 'disabled' : ''}`}
          data-testid="consent-allow"
          onClick={() => !busy && void answer(true)}
        >
          {t('consent.allow')}
        </View>
      </View>
    </View>
  );
}
