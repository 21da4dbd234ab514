import type { Dependencies } from '#app/context';
import { systemClock } from '#domain/ports';

/** The `clock` port: the system clock. */
export const clock = (): Dependencies['clock'] => systemClock;
