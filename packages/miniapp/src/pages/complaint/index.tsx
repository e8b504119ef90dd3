import { type ComplaintKind, type ComplaintSummary, complaintKinds, routes } from '@orderloop/contract';
import { Image, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Status } from '../../components/status';
import { SubHeader } from '../../components/sub-header';
import { api, isNetworkError, newKey, problemText } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { when } from '../../lib/nav';
import { type ComplaintText, useComplaintT } from './texts';
import { uploadComplaintPhoto } from './upload';
import './index.scss';

const MAX_PHOTOS = 6;

/**
 * File a complaint, return or refund request on one of my orders, with photos, and see the
 * earlier ones for that order. The idempotency key is made when the form opens, so a double tap
 * or a retry after a dropped connection files one complaint; photos already sent are not sent twice.
 */
export default function ComplaintPage() {
  const t = useT();
  const ct = useComplaintT();
  const { params } = useRouter();
  const orderId = params.orderId ?? '';
  const [kind, setKind] = useState<ComplaintKind>('complaint');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ text: string; network: boolean } | null>(null);
  const key = useRef(newKey());
  // what a retry must not redo: the complaint already filed, the photos already sent
  const filed = useRef<string | null>(null);
  const sent = useRef(new Set<string>());
  const [list, setList] = useState<{ items: ComplaintSummary[]; loading: boolean; error: unknown }>({
    items: [],
    loading: true,
    error: null,
  });

  const load = async () => {
    setList((l) => ({ ...l, loading: true, error: null }));
    try {
      const page = await api.call(routes.customerListComplaints, { query: { orderId, limit: 50 } });
      setList({ items: page.items, loading: false, error: null });
    } catch (error) {
      setList({ items: [], loading: false, error });
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the order changes
  useEffect(() => void load(), [orderId]);

  const choose = async () => {
    const left = MAX_PHOTOS - photos.length;
    if (left <= 0) return;
    try {
      const r = await Taro.chooseImage({
        count: left,
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      setPhotos((p) => [...p, ...r.tempFilePaths].slice(0, MAX_PHOTOS));
    } catch {
      // the customer cancelled the picker
    }
  };

  const submit = async () => {
    if (busy) return;
    if (!description.trim()) {
      setFailure({ text: ct('required'), network: false });
      return;
    }
    setFailure(null);
    try {
      if (!filed.current) {
        setBusy(ct('submitting'));
        const c = await api.call(routes.customerFileComplaint, {
          params: { id: orderId },
          body: { kind, description: description.trim() },
          idempotencyKey: key.current,
        });
        filed.current = c.id;
      }
      const todo = photos.filter((p) => !sent.current.has(p));
      for (const [i, p] of todo.entries()) {
        setBusy(ct('uploading', { done: i + 1, total: todo.length }));
        await uploadComplaintPhoto(filed.current, p);
        sent.current.add(p);
      }
      // done: a fresh form for the next one
      key.current = newKey();
      filed.current = null;
      sent.current = new Set();
      setDescription('');
      setPhotos([]);
      Taro.showToast({ title: ct('submitted'), icon: 'none' }).catch(() => {});
      await load();
    } catch (e) {
      setFailure({ text: problemText(e, t('common.networkError')), network: isNetworkError(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="page complaint">
      <SubHeader title={ct('title')} />
      <View className="card">
        <View className="section-title">{ct('kind')}</View>
        <View>
          {complaintKinds.map((k) => (
            <View
              key={k}
              className={`chip ${kind === k ? 'on' : ''}`}
              onClick={() => setKind(k)}
              data-testid={`complaint-kind-${k}`}
            >
              {ct(`kind.${k}` as ComplaintText)}
            </View>
          ))}
        </View>
      </View>
      <View className="card">
        <View className="section-title">{ct('description')}</View>
        <Textarea
          className="complaint-text"
          value={description}
          maxlength={2000}
          placeholder={ct('placeholder')}
          onInput={(e) => setDescription(e.detail.value)}
          data-testid="complaint-description"
        />
      </View>
      <View className="card">
        <View className="section-title">{ct('photos', { max: MAX_PHOTOS })}</View>
        <View className="complaint-photos">
          {photos.map((p) => (
            <View
              key={p}
              className="complaint-photo"
              onClick={() => setPhotos((all) => all.filter((x) => x !== p))}
            >
              <Image src={p} mode="aspectFill" className="complaint-photo-img" />
              <View className="complaint-photo-x">×</View>
            </View>
          ))}
          {photos.length < MAX_PHOTOS ? (
            <View
              className="complaint-photo add"
              onClick={() => void choose()}
              data-testid="complaint-add-photo"
            >
              +<View className="complaint-add-label">{ct('addPhoto')}</View>
            </View>
          ) : null}
        </View>
      </View>
      {failure ? <View className="card complaint-error">{failure.text}</View> : null}
      <View
        className={`btn ${busy ? 'disabled' : ''}`}
        onClick={() => void submit()}
        data-testid="complaint-submit"
      >
        {busy ?? (failure?.network ? t('common.retry') : ct('submit'))}
      </View>

      <View className="card">
        <View className="section-title">{ct('mine')}</View>
        {list.loading || list.error ? (
          <Status loading={list.loading} error={list.error} onRetry={() => void load()} />
        ) : list.items.length ? (
          list.items.map((c) => (
            <View key={c.id} className="complaint-item" data-testid="complaint-item">
              <View className="row">
                <View>{ct(`kind.${c.kind}` as ComplaintText)}</View>
                <View className={`complaint-state ${c.state}`}>
                  {ct(`state.${c.state}` as ComplaintText)}
                </View>
              </View>
              <View className="muted complaint-desc">{c.description}</View>
              <View className="muted">{when(c.createdAt)}</View>
            </View>
          ))
        ) : (
          <View className="muted">{ct('none')}</View>
        )}
      </View>
    </View>
  );
}
