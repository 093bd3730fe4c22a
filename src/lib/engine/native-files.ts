import { mkdtempSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Where native DuckDB reads "registered" files from. duckdb-wasm keeps a registered buffer in
 * its virtual file system under a bare name (`read_csv('csv-chunk-….csv')`); native DuckDB reads
 * the real file system, so each buffer is written to a private directory (mode 0700, one per
 * database) that the session's `file_search_path` names: the import's SQL, which says only the
 * bare name, then resolves to it unchanged. The directory goes when the database closes.
 */
export class NativeFiles {
	readonly dir = mkdtempSync(join(tmpdir(), 'mo-duckdb-'));

	private path(name: string): string {
		// A registered name is a bare file name: no directory part can lead out of the folder.
		if (!name || basename(name) !== name || name === '..' || name === '.') {
			throw new Error(`Not a plain file name: ${name}`);
		}
		return join(this.dir, name);
	}

	async register(name: string, bytes: Uint8Array): Promise<void> {
		await writeFile(this.path(name), bytes, { mode: 0o600 });
	}

	async drop(name: string): Promise<void> {
		await rm(this.path(name), { force: true });
	}

	removeAll(): void {
		rmSync(this.dir, { recursive: true, force: true });
	}
}
