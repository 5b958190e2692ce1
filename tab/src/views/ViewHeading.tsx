import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  heading: { ...typographyStyles.title3, margin: `0 0 ${tokens.spacingVerticalM}` },
});

export function ViewHeading({ children }: { children: string }) {
  const styles = useStyles();
  return <h2 className={styles.heading}>{children}</h2>;
}
