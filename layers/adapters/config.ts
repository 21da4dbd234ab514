/**
 * Configuration read once at module load. `required` throws at cold start when a variable is missing, so
 * a misconfigured function fails loudly instead of writing to the wrong place.
 */
export function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Missing required environment variable ${name}`);
  return value;
}

export function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}
