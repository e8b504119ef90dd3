import { Tooltip } from 'antd';
import type { AuditEntry } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { compactValue } from '../lib/format.ts';

const SHOWN = 4;

/** A diff in a table cell: `field: before → after`, a few lines, the full JSON on hover. */
export function AuditChanges({ changes }: { changes: AuditEntry['changes'] }) {
  const { t } = useI18n();
  const entries = Object.entries(changes);
  if (!entries.length) return <span className="muted">{t('audit.noChanges')}</span>;
  const more = entries.length - SHOWN;
  return (
    <Tooltip
      title={
        <pre style={{ margin: 0, fontSize: 11, maxHeight: 320, overflow: 'auto' }}>
          {JSON.stringify(changes, null, 2)}
        </pre>
      }
      styles={{ root: { maxWidth: 520 } }}
    >
      <div className="changes mono">
        {entries.slice(0, SHOWN).map(([key, { before, after }]) => (
          <div key={key}>
            <span className="key">{key}</span>:{' '}
            {before !== undefined && before !== null ? (
              <>
                <span className="before">{compactValue(before, 32)}</span> →{' '}
              </>
            ) : null}
            <span className="after">{compactValue(after)}</span>
          </div>
        ))}
        {more > 0 ? <span className="muted">+{more}</span> : null}
      </div>
    </Tooltip>
  );
}
