// The side panel's download budget: what a meeting's side panel must fetch before it can start is at most
// 1.1 × what the floor page (bench/floor: React, a FluentProvider with one Card and one Textarea, teams-js
// initialize) needs, both built by the tab's Vite configuration. Byte counts of a build are deterministic, so the
// budget is a test: `npm test` builds first and fails here when the side panel's initial JS grows past it.
import { distDirs, initialJs, sourcesOf } from '../../support/bundles';

const BUDGET_RATIO = 1.1;

const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

describe('the side panel’s initial JS', () => {
  const panel = initialJs(distDirs.tab);
  const floor = initialJs(distDirs.floor);
  const panelSources = panel.chunks.flatMap((chunk) => sourcesOf(chunk.file, distDirs.tab));

  it('is at most 1.1 × the floor page’s, gzip', () => {
    const ratio = panel.gzip / floor.gzip;
    const report =
      `side panel ${kB(panel.gzip)} gzip (${kB(panel.raw)} raw, ${panel.chunks.length} chunks), ` +
      `floor ${kB(floor.gzip)} gzip (${kB(floor.raw)} raw): ratio ${ratio.toFixed(3)}, budget ${BUDGET_RATIO}`;
    expect({ report, withinBudget: panel.gzip <= BUDGET_RATIO * floor.gzip }).toEqual({ report, withinBudget: true });
  });

  it('compares against a floor page of one chunk that really holds React, Fluent and teams-js', () => {
    expect(floor.chunks).toHaveLength(1);
    const floorSources = sourcesOf(floor.chunks[0]!.file, distDirs.floor);
    for (const pkg of [
      'react-dom',
      '@fluentui/react-provider',
      '@fluentui/react-card',
      '@fluentui/react-textarea',
      '@microsoft/teams-js',
    ]) {
      expect(floorSources.some((source) => source.startsWith(`node_modules/${pkg}/`))).toBe(true);
    }
  });

  it('never holds the trend tab, its charts or the status form', () => {
    // Sanity: the walk sees the side panel's own modules, so an empty match below means something.
    expect(panelSources).toContain('tab/src/boot.ts');
    const forbidden = panelSources.filter(
      (source) =>
        source.startsWith('node_modules/@fluentui/react-charts/') ||
        source.startsWith('tab/src/trends/') ||
        source.startsWith('tab/src/status/'),
    );
    expect(forbidden).toEqual([]);
  });
});
