export * from './app-config';
export * from './pii-keys';
export * from './app-config.token';
export * from './logging';
export * from './process-lifecycle';
export * from './retry';
export * from './clock';
