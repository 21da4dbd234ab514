import type { Dependencies } from '#app/context';
import { calendarFromEnvironment } from '../calendar.ts';

/** The `calendar` port: working days and holidays. */
export const calendar = (): Dependencies['calendar'] => calendarFromEnvironment();
