import { App } from 'antd';
import { useCallback, useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n-context.tsx';

/**
 * Keeps unpublished edits from being lost: the browser asks before a reload or closing the tab, and
 * in-app links (the navigation menu included) ask first. The console uses a plain BrowserRouter, which
 * has no navigation blocker, so links are caught on their way down, before the router sees the click.
 * Returns `confirmLeave(go)` for the page's own buttons (Back, Cancel).
 */
export function useUnsavedGuard(dirty: boolean) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const confirmLeave = useCallback(
    (go: () => void) => {
      if (!dirty) return go();
      modal.confirm({
        title: t('workflows.unsavedTitle'),
        content: t('workflows.unsavedText'),
        okText: t('workflows.discard'),
        okButtonProps: { danger: true, 'data-testid': 'unsaved-discard' } as { danger: boolean },
        cancelText: t('workflows.keepEditing'),
        onOk: go,
      });
    },
    [dirty, modal, t],
  );
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older browsers only ask when this is set
    };
    const click = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || a.target === '_blank' || e.button !== 0 || e.metaKey || e.ctrlKey) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname === window.location.pathname) return;
      e.preventDefault();
      e.stopPropagation();
      confirmLeave(() => navigate(`${url.pathname}${url.search}`));
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [dirty, confirmLeave, navigate]);
  return confirmLeave;
}
