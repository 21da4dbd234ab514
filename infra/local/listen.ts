import type { Server } from 'node:http';

/**
 * Starts `server` on `host` (127.0.0.1: the emulators answer this machine only) and resolves the port it
 * got (0 asks the system for a free one); rejects when it cannot listen.
 */
export function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error(`Expected a TCP address, got ${String(address)}`));
      else resolve(address.port);
    });
  });
}
