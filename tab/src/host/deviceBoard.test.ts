import { testBoardView } from '../testing/boardView';
import type { KeyValueStore } from './browserStorage';
import { keepDeviceBoard, readDeviceBoard } from './deviceBoard';

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const board = testBoardView('report');
const chatId = '19:meeting_abc@thread.v2';
const owner = { tenantId: 'tenant-1', userId: board.viewer.userId, chatId };

describe('the board kept on this device', () => {
  it('comes back for the same person in the same meeting chat', () => {
    const store = memoryStore();
    keepDeviceBoard(store, owner, board);
    expect(readDeviceBoard(store, owner)).toEqual(board);
  });

  it('is never shown to someone else signed in on the device, in another tenant or in another meeting', () => {
    const store = memoryStore();
    keepDeviceBoard(store, owner, board);
    expect(readDeviceBoard(store, { ...owner, userId: '00000000-0000-4000-8000-0000000000ff' })).toBeNull();
    expect(readDeviceBoard(store, { ...owner, tenantId: 'tenant-2' })).toBeNull();
    expect(readDeviceBoard(store, { ...owner, chatId: '19:meeting_other@thread.v2' })).toBeNull();
  });

  it('is not kept under a person the board does not name, and an unreadable copy paints nothing', () => {
    const store = memoryStore();
    const stranger = { ...owner, userId: '00000000-0000-4000-8000-0000000000ff' };
    keepDeviceBoard(store, stranger, board);
    expect(store.map.size).toBe(0);
    store.map.set(`candor:board:v1:tenant-1:${owner.userId}:${chatId}`, '{"not":"a board"}');
    expect(readDeviceBoard(store, owner)).toBeNull();
  });

  it('needs the tenant, the person and the chat to be kept at all', () => {
    const store = memoryStore();
    keepDeviceBoard(store, { ...owner, tenantId: null }, board);
    keepDeviceBoard(store, { ...owner, chatId: null }, board);
    expect(store.map.size).toBe(0);
  });
});
