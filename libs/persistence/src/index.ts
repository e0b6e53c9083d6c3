export * from './database';
export * from './entities';
export * from './persistence.module';
export * from './repositories';
