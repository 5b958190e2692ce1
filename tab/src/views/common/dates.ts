import { useContext, useMemo } from 'react';
import { LocaleContext } from '../../shell/locale';
import { MeContext } from '../../shell/me';

/** `2026-02-27` is a calendar date, not midnight UTC: read it as local so it never shifts a day. */
export function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(value);
}

export interface DateFormats {
  /** Fri 14 Nov 2025 */
  day: (value: string | Date) => string;
  /** 14 Nov */
  short: (value: string | Date) => string;
  /** 14 Nov 2025, 16:05 */
  time: (value: string | Date) => string;
  /** November 2025 */
  month: (value: string | Date) => string;
}

/** Date formats in the user's locale (en-GB unless Teams says otherwise). */
export function useDates(): DateFormats {
  const locale = useContext(LocaleContext);
  // Times are shown in the trust's time zone (windows close at 23:59 school time), not the device's.
  const timeZone = useContext(MeContext)?.policy.timezone;
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    const short = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
    const time = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: safeTimeZone(timeZone) });
    const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' });
    return {
      month: (v) => month.format(toDate(v)),
      day: (v) => day.format(toDate(v)),
      short: (v) => short.format(toDate(v)),
      time: (v) => time.format(toDate(v)),
    };
  }, [locale, timeZone]);
}

function safeTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    return undefined; // an unknown zone: the device's own
  }
}
