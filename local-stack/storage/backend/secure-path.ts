// The last guard between a user-supplied bucket/key and the disk, as supabase/storage's
// src/storage/backend/secure-path.ts: a relative path with no NUL, no absolute form, no empty,
// `.` or `..` segment, and whose resolution stays strictly inside the root folder.
import { isAbsolute, normalize, resolve, sep } from 'node:path';
import { ErrorCode, StorageError } from '../errors.ts';

function refuse(relativePath: string, reason: string): never {
	throw new StorageError({
		code: ErrorCode.InvalidKey,
		status: 400,
		message: `Invalid key: ${relativePath} ${reason}`
	});
}

export function resolveSecurePath(root: string, relativePath: string): string {
	if (relativePath.includes('\0')) refuse(relativePath, 'contains null byte');
	if ([...relativePath].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f))
		refuse(relativePath, 'contains control characters');
	if (
		isAbsolute(relativePath) ||
		/^[a-zA-Z]:[\\/]/.test(relativePath) ||
		relativePath.startsWith('\\')
	)
		refuse(relativePath, 'must be a relative path');
	const segments = relativePath.split(/[\\/]/);
	if (segments.some((segment) => segment === '')) refuse(relativePath, 'contains an empty segment');
	if (segments.some((segment) => segment === '.' || segment === '..'))
		refuse(relativePath, 'contains dot path segment');

	const base = normalize(resolve(root));
	const target = normalize(resolve(base, relativePath));
	const prefix = base.endsWith(sep) ? base : base + sep;
	if (!target.startsWith(prefix)) refuse(relativePath, 'resolves outside storage directory');
	return target;
}
