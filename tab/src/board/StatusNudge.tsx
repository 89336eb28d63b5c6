import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState } from 'react';
import { useBoardTools } from './boardContext';
import type { SyncFieldId } from './boardSync';

/**
 * Where "Move to status update" goes: the status form surface (`?surface=status`), naming the meeting, with the
 * words in the URL's fragment (never sent to a server). The board keeps the text until the person says it moved.
 */
export function statusFormUrl(ref: { managerId: string; reportId: string; occurrenceId: string }, text: string, base: string = location.href): string {
  const url = new URL(base);
  url.search = new URLSearchParams({ surface: 'status', manager: ref.managerId, report: ref.reportId, occurrence: ref.occurrenceId }).toString();
  url.hash = new URLSearchParams({ prefill: text }).toString();
  return url.toString();
}

/**
 * The status guard, speaking once under a field: an inline, polite note with two ways on. It never blocks typing
 * and never moves text by itself.
 */
export default function StatusNudge({ fieldId, text, onKeep }: { fieldId: SyncFieldId; text: string; onKeep: () => void }) {
  const { sync } = useBoardTools();
  const [opened, setOpened] = useState(false);
  const href = statusFormUrl(sync.view.ref, text);
  // The written status update is the report's; under the manager's notes the guard only reminds.
  const canMove = sync.view.viewer.role === 'report';
  return (
    <MessageBar intent="info" layout="multiline" politeness="polite">
      <MessageBarBody>
        <MessageBarTitle>This reads like a status update.</MessageBarTitle>
        {opened
          ? 'Once it is in your status update, you can take it off the board.'
          : canMove
            ? 'Status has its own place, so this time can stay about you.'
            : 'Status has its own place in the written update, so this time can stay about the person.'}
      </MessageBarBody>
      <MessageBarActions>
        {!canMove ? null : opened ? (
          <Button size="small" onClick={() => sync.edit(fieldId, '')}>
            Remove from the board
          </Button>
        ) : (
          <Button size="small" as="a" href={href} target="_blank" rel="noopener" onClick={() => setOpened(true)}>
            Move to status update
          </Button>
        )}
        <Button size="small" appearance="subtle" onClick={onKeep}>
          Keep here
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
