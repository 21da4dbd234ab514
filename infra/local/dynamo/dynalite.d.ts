/** Types for the parts of dynalite 4 (CommonJS, untyped) that the local runtime uses. */
declare module 'dynalite' {
  import type { Server } from 'node:http';

  export interface DynaliteOptions {
    /** LevelDB folder; in memory when absent. */
    readonly path?: string;
    /** How long tables stay CREATING / DELETING / UPDATING (default 500 ms). */
    readonly createTableMs?: number;
    readonly deleteTableMs?: number;
    readonly updateTableMs?: number;
    readonly maxItemSizeKb?: number;
    readonly verbose?: boolean;
    readonly debug?: boolean;
  }

  /** An http.Server whose `close` also closes the store. */
  export default function dynalite(options?: DynaliteOptions): Server;
}
