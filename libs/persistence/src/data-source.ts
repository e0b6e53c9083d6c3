import { loadConfig } from '@app/config';
import { createDataSource } from './database';

/** For the TypeORM CLI (npm run migration:run / migration:revert). */
export default createDataSource(loadConfig().DATABASE_URL, { applicationName: 'relieftrace-migrations' });
