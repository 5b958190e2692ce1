// The parts of teams-js the tab uses, loaded on demand by connect.ts. Named imports here (rather
// than `import('@microsoft/teams-js')`, whose whole namespace Rollup must keep: 57 KB gzip) let the
// bundler drop the rest of the SDK: ~16 KB gzip.
export { app, authentication } from '@microsoft/teams-js';
