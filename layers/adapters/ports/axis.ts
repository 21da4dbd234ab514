import type { Dependencies } from '#app/context';
import { axisFromEnvironment } from '../axis/from-environment.ts';

/** The `axis` port: the national document axis, configured on first use (AXIS_ENDPOINT, AXIS_SYSTEM_ID, and the secret named by AXIS_SECRET_ID). */
export const axis = (): Dependencies['axis'] => axisFromEnvironment;
