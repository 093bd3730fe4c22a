import { describe, expect, it } from 'vitest';
import { HISTORY_KEY, HISTORY_SIZE, readHistory, remember, type TextStorage } from './history';

const memory = (): TextStorage & { map: Map<string, string> } => {
	const map = new Map<string, string>();
	return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
};
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 12, minute));

describe('the console’s query history', () => {
	it('keeps the newest first, moves a repeated query up, and keeps at most HISTORY_SIZE', () => {
		const storage = memory();
		remember(storage, 'SELECT 1', at(0));
		remember(storage, 'SELECT 2', at(1));
		const entries = remember(storage, 'SELECT 1', at(2));
		expect(entries).toEqual([
			{ sql: 'SELECT 1', at: '2026-11-25T12:02:00.000Z' },
			{ sql: 'SELECT 2', at: '2026-11-25T12:01:00.000Z' }
		]);
		expect(readHistory(storage)).toEqual(entries);
		for (let i = 0; i < 30; i++) remember(storage, `SELECT ${i + 10}`, at(i + 3));
		const kept = readHistory(storage);
		expect(kept).toHaveLength(HISTORY_SIZE);
		expect(kept[0]!.sql).toBe('SELECT 39');
	});

	it('reads damaged storage as no history, and keeps working when storage refuses', () => {
		const storage = memory();
		storage.map.set(HISTORY_KEY, '{not json');
		expect(readHistory(storage)).toEqual([]);
		storage.map.set(HISTORY_KEY, JSON.stringify([{ sql: 1 }, { sql: 'FROM sessions', at: 'x' }]));
		expect(readHistory(storage)).toEqual([{ sql: 'FROM sessions', at: 'x' }]);
		const full: TextStorage = {
			getItem: () => null,
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			}
		};
		expect(remember(full, 'SELECT 1', at(0))).toEqual([
			{ sql: 'SELECT 1', at: '2026-11-25T12:00:00.000Z' }
		]);
	});
});
