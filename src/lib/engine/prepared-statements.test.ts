import { describe, expect, it } from 'vitest';
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { PreparedStatements } from './prepared-statements';

/** Records what is prepared and closed: the cache's bookkeeping, not DuckDB, is under test. */
function recordingConnection() {
	const log: string[] = [];
	const conn = {
		prepare(sql: string) {
			log.push(`prepare ${sql}`);
			if (sql === 'bad') return Promise.reject(new Error('Parser Error'));
			return Promise.resolve({ close: () => (log.push(`close ${sql}`), Promise.resolve()) });
		}
	};
	return { log, conn: conn as unknown as AsyncDuckDBConnection };
}

describe('PreparedStatements', () => {
	it('prepares a text once, and closes the least recently used beyond its capacity', async () => {
		const { log, conn } = recordingConnection();
		const statements = new PreparedStatements(conn, 2);
		await statements.get('a');
		await statements.get('b');
		await statements.get('a'); // a is now the most recent
		await statements.get('c'); // b goes
		await new Promise((ok) => setTimeout(ok));
		expect(log).toEqual(['prepare a', 'prepare b', 'prepare c', 'close b']);
		await statements.closeAll();
		expect(log.slice(4).sort()).toEqual(['close a', 'close c']);
	});

	it('does not keep a failed preparation: the next ask tries again', async () => {
		const { log, conn } = recordingConnection();
		const statements = new PreparedStatements(conn);
		await expect(statements.get('bad')).rejects.toThrow('Parser Error');
		await expect(statements.get('bad')).rejects.toThrow('Parser Error');
		expect(log).toEqual(['prepare bad', 'prepare bad']);
	});
});
