import type { LiveEvent } from '@orderloop/contract';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

export type LiveStatus = 'connecting' | 'open' | 'reconnecting';
type Listener = (e: LiveEvent) => void;
type StatusListener = (s: LiveStatus, resumed: boolean) => void;

// the server sends a heartbeat every 15 s: twice that of silence is a dead connection
const SILENCE_MS = 40_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * One staff event stream per tab, shared by every page that listens (list badge, board). Read with
 * fetch rather than EventSource so that heartbeats are seen (a silent proxy-cut connection is
 * noticed and replaced), Last-Event-ID is sent on every reconnect, and a refused reconnect (server
 * restarting, 502 from a proxy) is retried with backoff instead of giving up as EventSource does.
 */
class LiveStream {
  private listeners = new Set<Listener>();
  private statusListeners = new Set<StatusListener>();
  private abort: AbortController | null = null;
  private lastId: string | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private hadConnection = false;
  status: LiveStatus = 'connecting';

  subscribe(fn: Listener, onStatus?: StatusListener) {
    this.listeners.add(fn);
    if (onStatus) this.statusListeners.add(onStatus);
    if (!this.abort && !this.timer) this.connect();
    return () => {
      this.listeners.delete(fn);
      if (onStatus) this.statusListeners.delete(onStatus);
      if (!this.listeners.size) this.stop();
    };
  }

  private setStatus(s: LiveStatus, resumed = false) {
    this.status = s;
    for (const fn of this.statusListeners) fn(s, resumed);
  }

  private stop() {
    this.abort?.abort();
    this.abort = null;
    if (this.timer) clearTimeout(this.timer);
    if (this.watchdog) clearTimeout(this.watchdog);
    this.timer = null;
    this.watchdog = null;
  }

  private alive() {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.abort?.abort(), SILENCE_MS);
  }

  private retry() {
    this.abort = null;
    if (this.watchdog) clearTimeout(this.watchdog);
    if (!this.listeners.size) return;
    this.setStatus('reconnecting');
    // 1 s, 2 s, 4 s … 30 s, with jitter so a restarted server is not hit by every tablet at once
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.failures);
    this.failures++;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.connect();
      },
      base * (0.8 + Math.random() * 0.4),
    );
  }

  private async connect() {
    const ac = new AbortController();
    this.abort = ac;
    try {
      const res = await fetch('/api/events/stream', {
        headers: { accept: 'text/event-stream', ...(this.lastId ? { 'last-event-id': this.lastId } : {}) },
        credentials: 'same-origin',
        signal: ac.signal,
      });
      if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
      this.failures = 0;
      this.setStatus('open', this.hadConnection);
      this.hadConnection = true;
      this.alive();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.alive();
        buf += value.replace(/\r\n/g, '\n');
        let cut = buf.indexOf('\n\n');
        while (cut >= 0) {
          this.dispatch(buf.slice(0, cut));
          buf = buf.slice(cut + 2);
          cut = buf.indexOf('\n\n');
        }
      }
    } catch {
      // network error, refused, or aborted by the watchdog: try again below
    }
    if (this.abort === ac) this.retry();
  }

  private dispatch(block: string) {
    let id: string | null = null;
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (id) this.lastId = id;
    if (!data) return;
    try {
      const e = JSON.parse(data) as LiveEvent;
      for (const fn of this.listeners) fn(e);
    } catch {
      // a malformed event is skipped; the next re-sync covers it
    }
  }
}

const stream = new LiveStream();

/**
 * Calls `onEvent` for each live event while mounted; `onResync` after a reconnect, when events may
 * have been missed beyond what the server replays (the caller re-reads its data).
 */
export function useLiveEvents(onEvent: Listener, onResync?: () => void): LiveStatus {
  const handlers = useRef({ onEvent, onResync });
  handlers.current = { onEvent, onResync };
  const [status, setStatus] = useState<LiveStatus>(stream.status);
  useEffect(
    () =>
      stream.subscribe(
        (e) => handlers.current.onEvent(e),
        (s, resumed) => {
          setStatus(s);
          if (s === 'open' && resumed) handlers.current.onResync?.();
        },
      ),
    [],
  );
  return status;
}

// while the stream is down, a page that follows it falls back to polling this slowly
const FALLBACK_POLL_MS = 60_000;
// a burst of events (a batch transition) re-reads once
const COALESCE_MS = 250;

/**
 * Keeps queries fresh from the live stream instead of a timer: re-reads `queryKey` when an event
 * `matches`, and after a reconnect. Returns the `refetchInterval` to give those queries — off while
 * the stream is open, a slow poll while it is down.
 */
export function useLiveQueries(queryKey: QueryKey, matches: (e: LiveEvent) => boolean): number | false {
  const client = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void client.invalidateQueries({ queryKey });
    }, COALESCE_MS);
  };
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  const status = useLiveEvents((e) => {
    if (matches(e)) refresh();
  }, refresh);
  return status === 'open' ? false : FALLBACK_POLL_MS;
}
