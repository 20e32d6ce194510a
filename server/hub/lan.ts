import { networkInterfaces } from 'node:os';

/** Addresses other laptops on the local network can use to reach a hub listening on all interfaces. */
export function lanAddresses(port: number): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => `http://${a.address}:${port}`);
}
