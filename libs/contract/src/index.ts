export * from './models';
export * from './limits';
export * from './rest';
export * from './events';
export * from './admin';
