import { teamsLightTheme, type Theme } from '@fluentui/react-components';

/** The theme names Teams reports in `context.app.theme` and to `registerOnThemeChangeHandler`. */
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

/** Anything unknown (Teams also has "glass") falls back to the light theme. */
export function parseThemeName(value: string | null | undefined): TeamsThemeName {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

const loaded = new Map<TeamsThemeName, Theme>([['default', teamsLightTheme]]);

/**
 * The Fluent theme for a Teams theme if it is already here. Only the light theme is in the first
 * download; the dark and high-contrast token sets (~4 KB gzip) come with `loadFluentTheme`.
 */
export function fluentTheme(name: TeamsThemeName): Theme | undefined {
  return loaded.get(name);
}

export async function loadFluentTheme(name: TeamsThemeName): Promise<Theme> {
  const ready = loaded.get(name);
  if (ready) return ready;
  const themes = await import('./darkThemes');
  const theme = name === 'dark' ? themes.teamsDarkTheme : themes.teamsHighContrastTheme;
  loaded.set(name, theme);
  return theme;
}
