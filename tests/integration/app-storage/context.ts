// What the storage suites share with the database suites: the same cast of real accounts.
import { randomUUID } from 'node:crypto';

export { createWorld } from '../rls/actors.ts';
export type { World } from '../rls/actors.ts';
export const uuid = () => randomUUID();
