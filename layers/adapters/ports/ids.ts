import type { Dependencies } from '#app/context';
import { ulidGenerator } from '../ids.ts';

/** The `ids` port: ULIDs. */
export const ids = (): Dependencies['ids'] => ulidGenerator;
