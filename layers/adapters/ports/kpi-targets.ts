import type { Dependencies } from '#app/context';
import { kpiTargetsFromEnvironment } from '../kpi-targets.ts';

/** The `kpiTargets` port: the online-processing targets per level. */
export const kpiTargets = (): Dependencies['kpiTargets'] => kpiTargetsFromEnvironment();
