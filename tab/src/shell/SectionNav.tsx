import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ViewId } from '../routing/routes';
import { fitCount } from './navItems';

export interface NavItem {
  id: ViewId;
  label: string;
}

const useStyles = makeStyles({
  nav: {
    position: 'relative',
    display: 'flex',
    alignItems: 'stretch',
    minWidth: 0,
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: 'flex', flexGrow: 1, minWidth: 0, overflow: 'hidden' },
  // An invisible copy of every label, to know how wide each tab is before deciding what fits.
  measure: {
    position: 'absolute',
    top: 0,
    left: 0,
    display: 'flex',
    // Zero-sized and clipped, so the labels laid out in it never widen the page.
    width: 0,
    height: 0,
    overflow: 'hidden',
    visibility: 'hidden',
    pointerEvents: 'none',
    whiteSpace: 'nowrap',
  },
  tab: {
    ...typographyStyles.body1,
    position: 'relative',
    flexShrink: 0,
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    whiteSpace: 'nowrap',
    padding: `${tokens.spacingVerticalMNudge} ${tokens.spacingHorizontalMNudge}`,
    minHeight: '44px',
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    cursor: 'pointer',
    fontFamily: tokens.fontFamilyBase,
    ':hover': { color: tokens.colorNeutralForeground2Hover, backgroundColor: tokens.colorSubtleBackgroundHover },
    ':active': { backgroundColor: tokens.colorSubtleBackgroundPressed },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalMNudge,
      right: tokens.spacingHorizontalMNudge,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: 'transparent',
    },
  },
  selected: {
    ...typographyStyles.body1Strong,
    color: tokens.colorNeutralForeground1,
    ':hover': { color: tokens.colorNeutralForeground1 },
    '::after': { backgroundColor: tokens.colorCompoundBrandStroke },
  },
  moreWrap: { position: 'relative', flexShrink: 0, display: 'flex' },
  menu: {
    position: 'absolute',
    top: '100%',
    right: 0,
    zIndex: 10,
    display: 'flex',
    flexDirection: 'column',
    minWidth: '180px',
    maxWidth: 'calc(100vw - 16px)',
    padding: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow16,
  },
  menuItem: {
    ...typographyStyles.body1,
    textAlign: 'start',
    minHeight: '40px',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    fontFamily: tokens.fontFamilyBase,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
});

export const tabId = (view: ViewId) => `pg-tab-${view}`;
export const panelId = 'pg-view';

/**
 * The tabs shown: the first of `items` that fit (leaving room for "More" when anything is in it),
 * and always the current section, in place of the last ones if need be.
 */
function visibleTabs(items: NavItem[], current: NavItem | undefined, widths: Map<string, number>, available: number, moreWidth: number, pinnedMore: boolean): NavItem[] {
  const w = (item: NavItem) => widths.get(item.label) ?? 0;
  const shown = items.slice(0, fitCount(items.map(w), available, moreWidth, pinnedMore));
  if (current && !shown.includes(current)) {
    while (shown.length > 0 && shown.reduce((sum, i) => sum + w(i), 0) + w(current) + moreWidth > available) shown.pop();
    const at = items.indexOf(current);
    shown.push(current);
    // Keep the navigation's order when the current section is one of the main ones.
    if (at >= 0) shown.sort((a, b) => items.indexOf(a) - items.indexOf(b));
  }
  return shown;
}

/**
 * The sections as tabs that never make the page scroll sideways: the ones that do not fit (and
 * the rarely used `more`) are in a "More" menu, and the current section is always a tab.
 */
export function SectionNav({ items, more, selected, onSelect }: { items: NavItem[]; more: NavItem[]; selected: ViewId; onSelect: (view: ViewId) => void }) {
  const styles = useStyles();
  const navRef = useRef<HTMLElement>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const moreButtonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState(Number.POSITIVE_INFINITY);
  const [widths, setWidths] = useState(new Map<string, number>());
  const [open, setOpen] = useState(false);

  const all = [...items, ...more];
  const labels = all.map((i) => i.label).join('\n');
  useLayoutEffect(() => {
    const row = measureRef.current;
    if (!row) return;
    const next = new Map<string, number>();
    for (const child of Array.from(row.children) as HTMLElement[]) next.set(child.dataset.label ?? '', child.getBoundingClientRect().width);
    setWidths(next);
  }, [labels]);

  useLayoutEffect(() => {
    const nav = navRef.current;
    if (!nav) return;
    const update = () => {
      const style = getComputedStyle(nav);
      setAvailable(nav.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 1);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(nav);
    return () => observer.disconnect();
  }, []);

  const moreWidth = widths.get('\u0000more') ?? 0;
  const current = all.find((i) => i.id === selected);
  // Rarely used sections (`more`) stay in the menu even with room to spare, unless one is open.
  const pinned = more.some((i) => i !== current);
  const tabs = visibleTabs(items, current, widths, available, moreWidth, pinned);
  const menuItems = all.filter((i) => !tabs.includes(i));

  const closeMenu = useCallback((focusButton: boolean) => {
    setOpen(false);
    if (focusButton) moreButtonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !moreButtonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const moveFocus = (event: KeyboardEvent<HTMLElement>, selector: string, keys: { next: string; previous: string }) => {
    const elements = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(selector));
    const index = elements.indexOf(document.activeElement as HTMLElement);
    let target: number | undefined;
    if (event.key === keys.next) target = (index + 1) % elements.length;
    else if (event.key === keys.previous) target = (index - 1 + elements.length) % elements.length;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = elements.length - 1;
    if (target === undefined) return;
    event.preventDefault();
    elements[target]?.focus();
  };

  return (
    <nav ref={navRef} className={styles.nav} aria-label="Sections">
      <div className={styles.measure} ref={measureRef} aria-hidden="true">
        {all.map((item) => (
          <span key={item.id} data-label={item.label} className={mergeClasses(styles.tab, styles.selected)}>
            {item.label}
          </span>
        ))}
        <span data-label={'\u0000more'} className={styles.tab}>
          More <Chevron />
        </span>
      </div>
      <div role="tablist" className={styles.row} onKeyDown={(e) => moveFocus(e, '[role="tab"]', { next: 'ArrowRight', previous: 'ArrowLeft' })}>
        {tabs.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={tabId(item.id)}
            aria-selected={item.id === selected}
            aria-controls={item.id === selected ? panelId : undefined}
            tabIndex={item.id === selected ? 0 : -1}
            className={mergeClasses(styles.tab, item.id === selected && styles.selected)}
            onClick={() => onSelect(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      {menuItems.length > 0 && (
        <div className={styles.moreWrap}>
          <button
            ref={moreButtonRef}
            type="button"
            className={styles.tab}
            aria-haspopup="menu"
            aria-expanded={open}
            aria-controls={open ? 'pg-more-menu' : undefined}
            onClick={() => setOpen((o) => !o)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setOpen(true);
              }
            }}
          >
            More <Chevron />
          </button>
          {open && (
            <div
              ref={menuRef}
              id="pg-more-menu"
              role="menu"
              aria-label="More sections"
              className={styles.menu}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  closeMenu(true);
                } else if (e.key === 'Tab') closeMenu(false);
                else moveFocus(e, '[role="menuitem"]', { next: 'ArrowDown', previous: 'ArrowUp' });
              }}
            >
              {menuItems.map((item) => (
                <button
                  key={item.id}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={styles.menuItem}
                  onClick={() => {
                    closeMenu(false);
                    onSelect(item.id);
                  }}
                >
                  {item.label}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
    </nav>
  );
}

function Chevron() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
