import { SoundFilled, SoundOutlined } from '@ant-design/icons';
import type { LiveEvent } from '@orderloop/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Tooltip } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { type LiveStatus, useLiveEvents } from '../../lib/live-events.ts';

const SOUND_KEY = 'ol.orders.sound';
const NEW_ORDER = new Set(['order.submitted', 'order.created']);
const CHANGED = new Set(['order.transitioned', 'order.edited', 'order.overdue']);

let audio: AudioContext | null = null;
/** Two short tones: made, not downloaded, so it works offline and needs no asset. */
export function chime() {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.16);
      gain.gain.exponentialRampToValueAtTime(0.25, now + i * 0.16 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.16 + 0.15);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.16);
      osc.stop(now + i * 0.16 + 0.16);
    }
  } catch {
    // no audio (autoplay policy before any click, or none at all): the badge still shows
  }
}

/** Re-reads the queries under `key` at most once a second, however many events arrive. */
export function useThrottledInvalidate(key: readonly unknown[]) {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keyRef = useRef(key);
  keyRef.current = key;
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: keyRef.current });
    }, 800);
  }, [queryClient]);
}

/**
 * New orders as they arrive: the list is re-read, their rows are marked, a badge counts them until
 * the user looks, and a chime sounds if the user turned it on (remembered in this browser).
 */
export function useLiveOrders() {
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [sound, setSoundState] = useState(() => localStorage.getItem(SOUND_KEY) === 'on');
  const refresh = useThrottledInvalidate(['orders']);
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const status = useLiveEvents((e: LiveEvent) => {
    if (NEW_ORDER.has(e.type) && e.orderId) {
      const id = e.orderId;
      setFresh((s) => (s.has(id) ? s : new Set(s).add(id)));
      if (soundRef.current) chime();
      refresh();
    } else if (CHANGED.has(e.type)) refresh();
  }, refresh);
  const setSound = (on: boolean) => {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    setSoundState(on);
    if (on) chime(); // also unlocks audio: browsers allow sound after a click
  };
  return { fresh, clear: () => setFresh(new Set()), sound, setSound, status };
}

export function LiveBadge({
  count,
  status,
  sound,
  onSound,
  onShow,
}: {
  count: number;
  status: LiveStatus;
  sound: boolean;
  onSound: (on: boolean) => void;
  onShow: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Tooltip title={t(status === 'open' ? 'live.on' : 'live.reconnecting')}>
        <span className={`live-dot live-${status}`} data-testid="live-status" data-status={status} />
      </Tooltip>
      <Badge count={count} size="small" overflowCount={99}>
        <Button
          onClick={onShow}
          disabled={!count}
          data-testid="live-new"
          data-count={count}
          type={count ? 'primary' : 'default'}
          ghost={!!count}
        >
          {t('live.newOrders')}
        </Button>
      </Badge>
      <Tooltip title={t(sound ? 'live.soundOff' : 'live.soundOn')}>
        <Button
          icon={sound ? <SoundFilled /> : <SoundOutlined />}
          onClick={() => onSound(!sound)}
          aria-pressed={sound}
          data-testid="live-sound"
        />
      </Tooltip>
    </>
  );
}
