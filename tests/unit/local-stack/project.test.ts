import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	loadProjectConfig,
	parseDuration,
	parseSize,
	resolveProjectDir
} from '../../../local-stack/project.ts';

const folder = (toml?: string) => {
	const dir = mkdtempSync(join(tmpdir(), 'project-config-'));
	if (toml !== undefined) writeFileSync(join(dir, 'config.toml'), toml);
	return dir;
};

describe('loadProjectConfig', () => {
	it('gives the Supabase CLI defaults when config.toml is missing', () => {
		const config = loadProjectConfig(folder());
		expect(config.api).toEqual({
			schemas: ['public', 'graphql_public'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: 1000,
			autoExposeNewTables: true
		});
		expect(config.db.seed).toEqual({ enabled: true, sqlPaths: ['./seed.sql'] });
		expect(config.auth.jwtExpiry).toBe(3600);
		expect(config.storage.fileSizeLimit).toBe(50 * 1024 * 1024);
		expect(config.localSmtp).toEqual({
			enabled: true,
			port: 54324,
			adminEmail: 'admin@email.com',
			senderName: 'Admin'
		});
	});

	it('reads buckets, sizes and the mail catcher from config.toml', () => {
		const dir = folder(`
[api]
auto_expose_new_tables = false
[local_smtp]
port = 60000
[storage.buckets.documents]
public = false
file_size_limit = "10MiB"
allowed_mime_types = ["application/pdf", "image/*"]
objects_path = "./seed/documents"
`);
		const config = loadProjectConfig(dir);
		expect(config.api.autoExposeNewTables).toBe(false);
		expect(config.localSmtp.port).toBe(60000);
		expect(config.storage.buckets.documents).toEqual({
			public: false,
			fileSizeLimit: 10 * 1024 * 1024,
			allowedMimeTypes: ['application/pdf', 'image/*'],
			objectsPath: join(dir, 'seed', 'documents')
		});
	});

	it('names the file when config.toml is not valid TOML', () => {
		const dir = folder('[api\nport = 1');
		expect(() => loadProjectConfig(dir)).toThrow(join(dir, 'config.toml'));
	});

	it('accepts a project root that contains a supabase folder', () => {
		const root = folder();
		mkdirSync(join(root, 'supabase'));
		writeFileSync(join(root, 'supabase', 'config.toml'), 'project_id = "x"');
		expect(resolveProjectDir(root)).toBe(join(root, 'supabase'));
		expect(loadProjectConfig(root).projectId).toBe('x');
	});
});

describe('parseSize and parseDuration', () => {
	it('parse the units the CLI accepts', () => {
		expect(parseSize('5MB')).toBe(5_000_000);
		expect(parseSize('1GiB')).toBe(1024 ** 3);
		expect(parseSize(2048)).toBe(2048);
		expect(() => parseSize('lots')).toThrow('invalid size');
		expect(parseDuration('1m30s', 0)).toBe(90);
		expect(parseDuration(undefined, 7)).toBe(7);
		expect(() => parseDuration('soon', 0)).toThrow('invalid duration');
	});
});
