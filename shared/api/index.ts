// Request and response payloads of the /api/v1 REST API: the server's routes validate with these
// and the tab parses with them (STYLE.md §2).
export * from './common';
export * from './problem';
export * from './paths';
export * from './schedule';
export * from './me';
export * from './rocks';
export * from './checkIns';
export * from './threads';
export * from './praise';
export * from './team';
export * from './dev';
export * from './policy';
export * from './growth';
export * from './people';
export * from './cycles';
export * from './groupSessions';
export * from './yearReviews';
export * from './talentGrid';
export * from './surveys';
export * from './career';
export * from './reports';
export * from './progress';
export * from './recordViews';
export * from './dataExport';
export * from './retention';
