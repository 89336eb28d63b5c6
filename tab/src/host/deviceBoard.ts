// The last board of a meeting as its API answer showed it to the person signed in, kept on this device so the side
// panel can paint it as soon as the host answers, before the token and the API (marked as updating until the API's
// answer replaces it). It is that person's own view and nothing more: the board view never carries private notes
// (they load from their own endpoint), and the copy is keyed by tenant, user and meeting chat and read back only
// for the same three, so someone else signed in on this browser never sees it.
// The contract's schema itself: this module runs in the board's chunk, which already holds the contract.
import { boardViewSchema, type BoardView } from '@candor/contract';
import type { HostContext } from './context';
import { readStored, writeStored, type KeyValueStore } from './browserStorage';

const PREFIX = 'candor:board:v1:';

/** Whose copy: the host context's tenant, user and meeting chat. */
export type DeviceBoardOwner = Pick<HostContext, 'tenantId' | 'userId' | 'chatId'>;
type Owner = DeviceBoardOwner;

function keyOf(owner: Owner): string | null {
  if (!owner.tenantId || !owner.userId || !owner.chatId) return null;
  return `${PREFIX}${owner.tenantId}:${owner.userId}:${owner.chatId}`;
}

/** The kept board of this person in this meeting chat, or null (none, unreadable, or not theirs). */
export function readDeviceBoard(store: KeyValueStore | null, owner: Owner): BoardView | null {
  const key = keyOf(owner);
  const raw = key ? readStored(store, key) : null;
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = boardViewSchema.safeParse(value);
  // The key already names the person; the view must say so too (a copy written under another key is never shown).
  return parsed.success && parsed.data.viewer.userId === owner.userId ? parsed.data : null;
}

/** Keeps the API's answer for the next open; a device that refuses simply paints nothing early next time. */
export function keepDeviceBoard(store: KeyValueStore | null, owner: Owner, board: BoardView): void {
  const key = keyOf(owner);
  if (key && board.viewer.userId === owner.userId) writeStored(store, key, JSON.stringify(board));
}
