export * from './organisations';
export * from './users';
export * from './audit';
export * from './applications';
export * from './notifications';
export * from './loans';
export * from './servicing';
export * from './subsidies';
