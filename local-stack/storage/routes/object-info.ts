// An object's metadata without its bytes: HEAD /object/{bucket}/{key} (also /authenticated and
// /public) answers headers only, GET /object/info/… answers the row as JSON (what storage-js
// info() and exists() read). Mirrors routes/object/getObjectInfo.ts.
import { findReadableObject, sendHead, sendInfo } from '../read.ts';
import type { RouteInput } from '../runtime.ts';

export async function objectInfo(input: RouteInput): Promise<void> {
	sendInfo(input.response, await findReadableObject(input));
}

export async function publicObjectInfo(input: RouteInput): Promise<void> {
	sendInfo(input.response, await findReadableObject(input, { publicRoute: true }));
}

export async function headObject(input: RouteInput): Promise<void> {
	sendHead(input.response, await findReadableObject(input));
}

export async function headPublicObject(input: RouteInput): Promise<void> {
	sendHead(input.response, await findReadableObject(input, { publicRoute: true }));
}
