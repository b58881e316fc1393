export * from './id-card';
export * from './uscc';
export * from './mobile';
