import type { BoardView } from '@candor/contract';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import type { Session } from '../host/session';
import { StatusUpdateView } from '../ui/StatusUpdateView';
import { ReadLink } from './ReadLink';

/**
 * The status update in a dialog, behind the banner's "Read". Its own chunk (Dialog, its motion and portal, the
 * update's view): loaded after the board's first paint, never in the side panel's first download.
 */
export default function StatusReader({
  session,
  board,
  title,
  openAtOnce,
}: {
  session: Session;
  board: BoardView;
  title: string;
  openAtOnce: boolean;
}) {
  return (
    <Dialog defaultOpen={openAtOnce}>
      <DialogTrigger disableButtonEnhancement>
        <ReadLink title={title} />
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <StatusUpdateView session={session} board={board} />
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Close</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
