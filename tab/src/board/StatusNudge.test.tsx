import { renderToString } from 'react-dom/server';
import { BoardToolsContext, type BoardTools } from './boardContext';
import StatusNudge from './StatusNudge';

/** Only what the nudge reads of the board's tools. */
const tools = {
  sync: { view: { viewer: { role: 'report' } } },
  actions: { moveToStatus: () => Promise.resolve({ ok: true, removed: true }) },
} as unknown as BoardTools;

function render(guardOff: boolean): string {
  return renderToString(
    <BoardToolsContext.Provider value={tools}>
      <StatusNudge
        fieldId="support"
        text="Ich brauche mehr Zeit"
        guardOff={guardOff}
        onKeep={() => undefined}
        onMoved={() => undefined}
      />
    </BoardToolsContext.Provider>,
  );
}

describe('StatusNudge', () => {
  it('says plainly that the status check is off for text in a language it does not read, and offers nothing', () => {
    const html = render(true);
    expect(html).toContain('Candor’s status check reads English only, so it is off for this text.');
    expect(html).not.toContain('Move to status update');
    expect(html).not.toContain('reads like a status update');
  });

  it('nudges, with the offer to move the words, when the guard spoke', () => {
    const html = render(false);
    expect(html).toContain('This reads like a status update.');
    expect(html).toContain('Move to status update');
  });
});
