/** The simulator's configuration types and its refusal, shared by the store, the operations and the server. */

export interface SimulatedSystem {
  readonly systemId: string;
  readonly secret: string;
  /** Agency codes this system sends for and receives for. */
  readonly agencies: readonly string[];
}

export interface StoreLimits {
  /** Largest package accepted (FAIL above it). */
  readonly maxPackageBytes: number;
  /** Payload bytes kept in memory across all packages. */
  readonly maxStoredBytes: number;
  /** Packages remembered (with their deliveries). */
  readonly maxRecords: number;
  /** Rows in one listing. */
  readonly maxListed: number;
}

export const defaultLimits: StoreLimits = {
  maxPackageBytes: 100 * 1024 * 1024,
  maxStoredBytes: 512 * 1024 * 1024,
  maxRecords: 100_000,
  maxListed: 1_000,
};

/** A refusal answered as VDXP JSON: `FAIL` with a code (HTTP 200 unless said otherwise). */
export class VdxpRefusal extends Error {
  override readonly name = 'VdxpRefusal';
  constructor(
    readonly errorCode: string,
    message: string,
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}
