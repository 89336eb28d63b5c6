/**
 * Where the manifest puts the tab, and what the tab shows there: the tab's own mapping (tab/src/host/surfaces.ts),
 * not a copy. The manifest checks (validateManifest.ts) fail when the manifest lists a context that is not there.
 *
 * `@candor/tab/surfaces` is that module built for Node by tab/tsconfig.surfaces.json (a project reference of
 * scripts). It is an ES module (the tab package is `"type": "module"`); this CommonJS code loads it with
 * require(esm), which Node 20.19+ (the engines floor) does without a flag. Tests map the name to the source.
 */
export {
  CONFIGURATION_SURFACE,
  PERSONAL_TABS,
  TAB_PLACEMENTS,
  isHandledContext,
  type ManifestContext,
  type TabPlacement,
} from '@candor/tab/surfaces';
