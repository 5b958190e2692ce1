// Loaded on demand by theme.ts: most people use Teams' light theme, so these stay out of the first download.
export { teamsDarkTheme, teamsHighContrastTheme } from '@fluentui/react-components';
