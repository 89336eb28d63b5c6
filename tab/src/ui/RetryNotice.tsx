import { Button } from '@fluentui/react-components';
import { Notice } from './Notice';

/** A failure any surface can retry: what went wrong, in words, and "Try again". */
export function RetryNotice({
  failure,
  onRetry,
}: {
  failure: { title: string; message: string };
  onRetry: () => void;
}) {
  return (
    <Notice
      title={failure.title}
      action={
        <Button appearance="primary" onClick={onRetry}>
          Try again
        </Button>
      }
    >
      {failure.message}
    </Notice>
  );
}
