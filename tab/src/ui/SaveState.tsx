import { Body1, MessageBar, MessageBarBody } from '@fluentui/react-components';

/**
 * The one live region of a settings card: why a choice was not saved (the choice shown is then the stored one),
 * that it is being saved, or, where the card says so, that it is saved.
 */
export function SaveState({
  error,
  saving,
  savedText = null,
}: {
  error: string | null;
  saving: boolean;
  /** Said once a save succeeded; null where the card says nothing then. */
  savedText?: string | null;
}) {
  return (
    <div role="status" aria-live="polite">
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : saving ? (
        <Body1>Saving…</Body1>
      ) : savedText ? (
        <Body1>{savedText}</Body1>
      ) : null}
    </div>
  );
}
