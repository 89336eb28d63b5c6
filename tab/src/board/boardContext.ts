import { createContext, useContext } from 'react';
import type { Session } from '../host/session';
import type { BoardActions } from './boardActions';
import type { BoardSync } from './boardSync';
import type { DraftStore } from './drafts';

/** What every part of the board reaches for: the sync (fields), the actions (clicks), drafts (unsent words). */
export interface BoardTools {
  session: Session;
  sync: BoardSync;
  actions: BoardActions;
  drafts: DraftStore;
}

export const BoardToolsContext = createContext<BoardTools | null>(null);

export function useBoardTools(): BoardTools {
  const tools = useContext(BoardToolsContext);
  if (!tools) throw new Error('useBoardTools outside a board');
  return tools;
}
