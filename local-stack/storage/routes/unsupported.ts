// Storage features the local stack does not implement (resumable TUS uploads, the S3 protocol,
// image transformation, Iceberg/analytics and vector buckets, CDN purges, list-v2): refused with
// the storage-shaped FeatureNotEnabled answer hosted Storage gives a tenant without the feature.
import { storageErrors } from '../errors.ts';
import type { RouteInput } from '../runtime.ts';

export function unsupported(feature: string) {
	return async (input: RouteInput): Promise<void> => {
		input.request.raw.resume();
		throw storageErrors.notAvailableLocally(feature);
	};
}
