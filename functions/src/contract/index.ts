export * from './ids';
export * from './board';
export * from './errors';
export * from './paths';
