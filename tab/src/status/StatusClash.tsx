import type { StatusFieldId, StatusSurface, StatusUpdate, StatusUpdateConflict } from '@candor/contract';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';

/** A part the person changed that also changed elsewhere: what is stored now, and where it was changed. */
export interface Clash {
  stored: string;
  changedIn: StatusSurface | null;
}
export type Clashes = Partial<Record<StatusFieldId, Clash>>;

export function clashesOf(parts: StatusUpdateConflict['parts'], current: StatusUpdate | null): Clashes {
  return Object.fromEntries(
    parts.map(({ part, changedIn }) => [part, { stored: current?.fields[part] ?? '', changedIn }]),
  );
}

/** Said to the report, who is the only one writing their status update, whichever surface they used. */
export function clashTitle(changedIn: StatusSurface | null): string {
  switch (changedIn) {
    case 'chat':
      return 'You changed this in Teams chat since you opened this form';
    case 'board':
      return 'You added to this from the meeting board since you opened this form';
    case 'form':
      return 'You changed this in another window since you opened this form';
    case null:
      return 'This changed since you opened it';
  }
}

const useStyles = makeStyles({
  stored: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', display: 'block', marginTop: tokens.spacingVerticalXS },
  empty: { fontStyle: 'italic', display: 'block', marginTop: tokens.spacingVerticalXS },
});

/**
 * Shown under a part whose save was refused because it changed elsewhere: the saved text next to the person's own
 * (still in the box above), and a choice. Keeping theirs needs one more send; nothing is lost either way.
 */
export function ClashNotice(props: {
  id: string;
  label: string;
  clash: Clash;
  onKeepMine: () => void;
  onUseSaved: () => void;
}) {
  const styles = useStyles();
  const { clash } = props;
  return (
    <MessageBar
      id={props.id}
      intent="warning"
      layout="multiline"
      aria-label={`${props.label}: ${clashTitle(clash.changedIn)}`}
    >
      <MessageBarBody>
        <MessageBarTitle>{clashTitle(clash.changedIn)}</MessageBarTitle>
        Saved now:
        {clash.stored ? (
          <Text className={styles.stored}>{clash.stored}</Text>
        ) : (
          <Text className={styles.empty}>Nothing</Text>
        )}
        Your text is still in the box above. Keep yours and send again, or use the saved text.
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={props.onKeepMine}>Keep mine</Button>
        <Button onClick={props.onUseSaved}>Use the saved text</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
