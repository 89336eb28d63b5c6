import { makeStyles, tokens } from '@fluentui/react-components';

/** The settings page's own styles; its cards, headings and switches are the Trends tab's (trends/styles.ts). */
export const useSettingsStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '760px',
    marginInline: 'auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
  },
  part: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  // Selects fill a narrow panel (280 px) and stop at a readable width on a wide one.
  select: { maxWidth: '320px', width: '100%' },
  pairs: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  preview: {
    width: '100%',
    height: '520px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    // Mail is read on white whatever the theme: the preview shows it as the report's mail client will.
    backgroundColor: '#ffffff',
    boxSizing: 'border-box',
  },
  headers: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    overflowWrap: 'anywhere',
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
});
