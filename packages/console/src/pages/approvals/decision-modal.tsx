import type { Approval } from '@orderloop/contract';
import { Input, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';

export type Decision = 'approve' | 'reject';

/** The comment box of a decision: Enter sends, Shift+Enter breaks the line, Esc cancels. */
export function DecisionModal({
  approval,
  decision,
  busy,
  onSubmit,
  onCancel,
}: {
  approval: Approval;
  decision: Decision;
  busy: boolean;
  onSubmit: (comment: string | undefined) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const box = useRef<HTMLTextAreaElement | null>(null);
  useEffect(() => {
    const id = setTimeout(() => box.current?.focus(), 50);
    return () => clearTimeout(id);
  }, []);
  const send = () => !busy && onSubmit(comment.trim() || undefined);
  return (
    <Modal
      open
      title={t(decision === 'approve' ? 'approvals.approveTitle' : 'approvals.rejectTitle', {
        number: approval.orderNumber,
      })}
      okText={t('approvals.submit')}
      okButtonProps={
        { danger: decision === 'reject', loading: busy, 'data-testid': 'decision-submit' } as never
      }
      onOk={send}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Text type="secondary">{t('approvals.comment')}</Typography.Text>
      <Input.TextArea
        ref={(el) => {
          box.current = el?.resizableTextArea?.textArea ?? null;
        }}
        data-testid="decision-comment"
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('approvals.commentHint')}
      </Typography.Text>
    </Modal>
  );
}
