/** What the main process and the hub's utility process say to each other. */
import { z } from 'zod';

export const toHubSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), host: z.string(), port: z.number().int(), dataDir: z.string() }),
  z.object({ type: z.literal('stop') }),
]);
export type ToHub = z.infer<typeof toHubSchema>;

export const fromHubSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), url: z.string(), newAdminPassword: z.string().optional() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('stopped') }),
]);
export type FromHub = z.infer<typeof fromHubSchema>;
