import { ClinicalRecordSchema1764090000000 } from './1764090000000-clinical-record-schema';

/** Every migration in order; the DataSource lists classes so compiled and ts-jest runs load the same set. */
export const MIGRATIONS = [ClinicalRecordSchema1764090000000];
