// Adaptive Card builders: pure functions of domain state → Adaptive Card 1.5 JSON (STYLE.md §5).
export * from './adaptiveCard';
export * from './checkInForm';
export * from './checkInCard';
export * from './checkInConfirmationCard';
export * from './parseCheckInSubmission';
export * from './commands';
export * from './welcomeCard';
export * from './helpCard';
export * from './myRocksCard';
export * from './nextWindowCard';
export * from './errorCard';
export * from './reviewerCheckInCard';
export * from './praiseCards';
export * from './reviewerDigestCard';
export * from './groupSessionCard';
