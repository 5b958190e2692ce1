import type { app } from '@microsoft/teams-js';

/** The trusts are in England, so dates read the British way unless Teams says otherwise. */
export const defaultLocale = 'en-GB';

/** The user's locale from the Teams context (`app.locale`, e.g. `en-gb`), if the browser knows it. */
export function localeFromContext(context: app.Context | undefined): string {
  return supportedLocale(context?.app.locale) ?? defaultLocale;
}

function supportedLocale(candidate: string | undefined): string | undefined {
  if (!candidate) return undefined;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([candidate])[0];
  } catch {
    return undefined; // malformed tag
  }
}
