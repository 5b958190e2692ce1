// Admin channel cards (issue 7).
export * from './adminCard';
export * from './scheduleCards';
export * from './importCards';
export * from './statusCard';
export * from './policyCards';
export * from './redelegationCards';
export * from './nextCycleCards';
