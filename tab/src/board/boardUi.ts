// The board itself (its cards, fields, sync and their Fluent parts) is its own chunk, out of the side panel's first
// download. It starts loading when the first board request is on its way (boot.ts), so it downloads and compiles
// while the API answers, and BoardScreen shows it as soon as the data is there.
export type BoardUi = typeof import('./Board');

let boardUi: Promise<BoardUi> | null = null;

export function loadBoardUi(): Promise<BoardUi> {
  boardUi ??= import('./Board').catch((error: unknown) => {
    boardUi = null; // a chunk that failed to load (offline) is fetched again on the next try
    throw error;
  });
  return boardUi;
}
