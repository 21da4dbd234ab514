import { required } from '../config.ts';
import { env } from '../environment.ts';

/** The table's name: a function has it only when its definition grants the table. */
export const tableName = (): string => required(env.tableName);
