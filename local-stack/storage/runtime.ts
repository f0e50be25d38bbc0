// What every Storage route works with: the stack context, the file backend, the owning pool,
// the global upload limit, and per request the caller and the decoded bucket/key.
import type { ServerResponse } from 'node:http';
import type pg from 'pg';
import type { StackContext } from '../context.ts';
import type { ServiceRequest } from '../gateway/service.ts';
import type { Caller } from './auth.ts';
import type { FileBackend } from './backend/file.ts';
import type { RequestInfo } from './database.ts';

export type Storage = {
	context: StackContext;
	files: FileBackend;
	/** Pool logged in as supabase_storage_admin, the tables' owner. */
	pool: pg.Pool;
	/** `[storage] file_size_limit` in bytes. */
	globalLimit: number;
};

export type RouteInput = {
	storage: Storage;
	request: ServiceRequest;
	response: ServerResponse;
	/** Path parameters, percent-decoded: the bucket id and the object key. */
	params: { bucket: string; key: string };
	/** The verified caller, or an unauthenticated anon for public and optional routes. */
	caller: Caller;
	/** storage.operation of the route (upstream's ROUTE_OPERATIONS name). */
	operation: string;
	info: RequestInfo;
};

export type RouteHandler = (input: RouteInput) => Promise<void>;
