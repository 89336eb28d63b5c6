import { renderToString } from 'react-dom/server';
import { BoardToolsContext, type BoardTools } from './boardContext';
import type { FieldSnapshot } from './boardSync';
import { EditableField } from './EditableField';

/*
 * The field remembers a dismissed status nudge on this device. Where the page may not use storage (a sandboxed or
 * storage-partitioned iframe, or storage turned off) every call into it throws; the field must still render.
 */

const field: FieldSnapshot = {
  id: 'unseenWork',
  text: 'Shipped the importer',
  editable: true,
  status: 'saved',
  error: null,
  server: { text: 'Shipped the importer', revision: 1, updatedBy: null, updatedAt: null },
  statusNudge: false,
};

/** Only what the field reads of the board's sync. */
const tools = {
  sync: {
    view: {
      viewer: { userId: '22222222-2222-4222-8222-222222222222' },
      ref: { occurrenceId: '20261126T0900Z-0123456789abcdef' },
    },
    getSnapshot: () => ({ finalised: false }),
    edit: () => undefined,
    focus: () => undefined,
    blur: () => undefined,
  },
} as unknown as BoardTools;

const denied = (): never => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

let original: PropertyDescriptor | undefined;
beforeEach(() => {
  original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    value: { getItem: denied, setItem: denied, removeItem: denied },
  });
});
afterEach(() => {
  if (original) Object.defineProperty(globalThis, 'localStorage', original);
  else Reflect.deleteProperty(globalThis, 'localStorage');
});

it('renders its text box when the device refuses storage', () => {
  const html = renderToString(
    <BoardToolsContext.Provider value={tools}>
      <EditableField field={field} label="Work nobody saw" maxLength={2000} />
    </BoardToolsContext.Provider>,
  );
  expect(html).toContain('Work nobody saw');
  expect(html).toContain('Shipped the importer');
});
