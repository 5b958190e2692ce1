// Policy rules as pure functions of a policy pack: windows, eligibility, reviewers (DESIGN.md).
export * from './windows';
export * from './eligibility';
export * from './reviewers';
export * from './packs';
export * from './reminders';
export * from './policyEdit';
export * from './policyPreview';
export * from './rockWindows';
export * from './bankHolidays';
export * from './rollForward';
