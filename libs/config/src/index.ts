export * from './app-config';
export * from './app-config.token';
export * from './logging';
export * from './process-lifecycle';
export * from './clock';
