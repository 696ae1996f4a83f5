/** Public-service access: facilities, travel to them, coverage, 2SFCA / E2SFCA, equity, user lists. */
export * from './types.ts';
export * from './crs.ts';
export * from './facilities.ts';
export * from './travel.ts';
export * from './units.ts';
export * from './coverage.ts';
export * from './fca.ts';
export * from './equity.ts';
export * from './analysis.ts';
export * from './csv.ts';
export * from './locate.ts';
