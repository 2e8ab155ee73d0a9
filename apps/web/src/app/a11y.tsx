import { useEffect, type RefObject } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { theme } from 'antd';

export const MAIN_ID = 'main-content';

/** The first stop of the Tab key: past the header, straight to the screen's content. */
export function SkipLink() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <a
      href={`#${MAIN_ID}`}
      className="ob-skip-link"
      style={{ background: token.colorBgElevated, color: token.colorLink }}
      onClick={(e) => {
        // The router would treat the hash as a navigation; move focus instead.
        e.preventDefault();
        focusHeading(document.getElementById(MAIN_ID));
      }}
    >
      {t('ocp.a11y.skipToContent')}
    </a>
  );
}

/** Focuses a region's h1 (or the region itself) without scrolling: where a screen reader should start. */
export function focusHeading(region: HTMLElement | null): boolean {
  if (!region) return false;
  const target = region.querySelector<HTMLElement>('h1') ?? region;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  return document.activeElement === target;
}

/**
 * After a change of screen (and after login, which is one) focus moves to the new screen's
 * heading, as a full page load would start there. Screens load lazily, so the heading is
 * waited for, a frame at a time, for a little while.
 */
export function useFocusOnNavigate(): void {
  const { pathname, key } = useLocation();
  // The document's first screen (location key "default") is left alone: there the browser
  // starts at the top, and the skip link is the first stop of the Tab key.
  const initial = key === 'default';
  useEffect(() => {
    if (initial) return;
    let frames = 0;
    let id = 0;
    const attempt = () => {
      const main = document.getElementById(MAIN_ID);
      // Do not take focus from something the user already moved to inside the new screen.
      if (main?.contains(document.activeElement) && document.activeElement !== main) return;
      if (main?.querySelector('h1')) {
        focusHeading(main);
        return;
      }
      if (++frames < 120) id = requestAnimationFrame(attempt);
    };
    id = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(id);
  }, [pathname, initial]);
}

/**
 * While a modal dialog or drawer is open, the page behind it is inert: neither focusable nor
 * read by assistive technology (antd portals its dialogs outside the page, so this is safe).
 */
export function useInertBehindDialogs(page: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = page.current;
    if (!el) return;
    const update = () => {
      const open = Array.from(
        document.querySelectorAll<HTMLElement>('[role="dialog"][aria-modal="true"]'),
      ).some((d) => !el.contains(d) && d.getClientRects().length > 0);
      if (open) {
        el.setAttribute('inert', '');
        el.setAttribute('aria-hidden', 'true');
      } else {
        el.removeAttribute('inert');
        el.removeAttribute('aria-hidden');
      }
    };
    const observer = new MutationObserver(update);
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['style', 'class', 'aria-modal'],
    });
    update();
    return () => {
      observer.disconnect();
      el.removeAttribute('inert');
      el.removeAttribute('aria-hidden');
    };
  }, [page]);
}
