/** The rail engine: network, travel-time model, calibration, km by year, coverage, isochrones. */
export * from './types.ts';
export * from './util.ts';
export * from './geo.ts';
export * from './stops.ts';
export * from './chainage.ts';
export * from './assemble.ts';
export * from './heap.ts';
export * from './model.ts';
export * from './graph.ts';
export * from './calibrate.ts';
export * from './km.ts';
export * from './coverage.ts';
export * from './grid.ts';
export * from './isochrone.ts';
export * from './origin.ts';
