// Admin channel cards (issue 7).
export * from './adminCard';
export * from './scheduleCards';
export * from './importCards';
export * from './statusCard';
export * from './nextCycleCards';
