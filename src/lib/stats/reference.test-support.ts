import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { LocalEngine, QuerySpec } from '../engine/engine';
import { rowObjects } from '../engine/rows';
import { freshDb } from '../../../tests/support/db';
import {
	EPISODE_MEASURES,
	EPISODE_POINTS,
	MEASURES,
	loadTable
} from './derived-tables.test-support';

type Value = string | number | boolean | null;
export type Row = Record<string, Value>;
export interface ReferenceCase {
	name: string;
	builder: string;
	options: Record<string, unknown>;
	expected: Row[];
}

/** A JSON file written by scripts/reference/stats_reference.py (SciPy/NumPy). */
export function readReference<T>(file: string): T {
	const url = new URL(`../../../tests/reference/stats/${file}`, import.meta.url);
	return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** A real DuckDB holding the reference's rows as the derived tables. */
export async function referenceDb(tables: {
	episode_measures?: Row[];
	episode_points?: Row[];
	measures?: Row[];
}): Promise<LocalEngine> {
	const db = await freshDb();
	if (tables.episode_measures)
		await loadTable(db, 'episode_measures', EPISODE_MEASURES, tables.episode_measures);
	if (tables.episode_points)
		await loadTable(db, 'episode_points', EPISODE_POINTS, tables.episode_points);
	if (tables.measures) await loadTable(db, 'measures', MEASURES, tables.measures);
	return db;
}

export async function run(db: LocalEngine, spec: QuerySpec): Promise<Row[]> {
	return rowObjects<Row>(await db.query(spec));
}

/** Same rows, same columns; numbers within 1e-9 (relative above 1), NULLs exactly where expected. */
export function expectRowsClose(got: Row[], expected: Row[], label: string, tolerance = 1e-9) {
	expect(got.length, `${label}: rows`).toBe(expected.length);
	got.forEach((row, i) => {
		const wanted = expected[i] ?? {};
		expect(Object.keys(row).sort(), `${label}: columns`).toEqual(Object.keys(wanted).sort());
		for (const [key, want] of Object.entries(wanted)) {
			const have = row[key];
			const where = `${label}: row ${i} ${key}`;
			if (typeof want === 'number' && typeof have === 'number') {
				expect(Math.abs(have - want), `${where}: ${have} vs ${want}`).toBeLessThanOrEqual(
					tolerance * Math.max(1, Math.abs(want))
				);
			} else expect(have, where).toEqual(want);
		}
	});
}

/**
 * A case of a reference file: its builder options, expected rows and, for a case that needs
 * other data (dates removed, levels aliased), episode rows of its own.
 */
export interface OwnDataCase {
	name: string;
	expected: Row[];
	episode_measures?: Row[];
}

/**
 * Runs `spec` where the case says: on its own rows if it brings them (then `prepare`d as the
 * shared database was, e.g. with a derived table), else on `shared`.
 */
export async function runCase(
	shared: LocalEngine,
	source: { episode_measures: Row[]; measures: Row[] },
	c: OwnDataCase,
	spec: QuerySpec,
	prepare: (db: LocalEngine) => Promise<void> = async () => {}
): Promise<void> {
	const db = c.episode_measures
		? await referenceDb({ ...source, episode_measures: c.episode_measures })
		: shared;
	if (db !== shared) await prepare(db);
	try {
		expectRowsClose(await run(db, spec), c.expected, c.name);
	} finally {
		if (db !== shared) await db.close();
	}
}
