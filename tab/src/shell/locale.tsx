import { createContext, useContext, useMemo } from 'react';
import { defaultLocale } from '../teams/locale';

export const LocaleContext = createContext<string>(defaultLocale);

/** Formats dates in the user's locale (from Teams), e.g. "Friday 14 November 2025" in en-GB. */
export function useDateFormat(options: Intl.DateTimeFormatOptions): (date: Date) => string {
  const locale = useContext(LocaleContext);
  const { weekday, day, month, year } = options;
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { weekday, day, month, year });
    return (date: Date) => format.format(date);
  }, [locale, weekday, day, month, year]);
}
