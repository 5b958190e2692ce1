import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';

/** The theme names Teams reports in `context.app.theme` and to `registerOnThemeChangeHandler`. */
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

/** Anything unknown (Teams also has "glass") falls back to the light theme. */
export function parseThemeName(value: string | null | undefined): TeamsThemeName {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

export function fluentTheme(name: TeamsThemeName): Theme {
  switch (name) {
    case 'dark':
      return teamsDarkTheme;
    case 'contrast':
      return teamsHighContrastTheme;
    default:
      return teamsLightTheme;
  }
}
