import { config } from 'zod';

// zod 4 probes `new Function` once to decide whether to compile its validators. The tab's CSP forbids eval, so the
// probe fails and the browser reports a CSP violation on every page; interpreting the schemas is all the tab needs.
// zod makes that choice when a schema is built, so the tab's entry (main.tsx) imports this module first of all;
// only zod's tiny config module comes with it, the schemas stay in their lazy chunks.
config({ jitless: true });
