/** A query run in the console, and when (ISO text from the app's clock). */
export interface HistoryEntry {
	sql: string;
	at: string;
}

/** The part of localStorage the history uses (a Map stands in for it in tests). */
export interface TextStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

export const HISTORY_KEY = 'massage-outcomes:research-history';
export const HISTORY_SIZE = 20;

/** The stored history, newest first; anything unreadable counts as none. */
export function readHistory(storage: TextStorage): HistoryEntry[] {
	try {
		const parsed: unknown = JSON.parse(storage.getItem(HISTORY_KEY) ?? '[]');
		if (!Array.isArray(parsed)) return [];
		return parsed.filter(
			(e): e is HistoryEntry =>
				typeof e === 'object' && e !== null && typeof e.sql === 'string' && typeof e.at === 'string'
		);
	} catch {
		return [];
	}
}

/**
 * Puts `sql` first (a query run again moves up rather than repeating) and keeps the newest
 * HISTORY_SIZE, on this device only. Storage may refuse (private mode, full): the history is
 * then this page's alone, which the caller keeps.
 */
export function remember(storage: TextStorage, sql: string, now: Date): HistoryEntry[] {
	const entries = [
		{ sql, at: now.toISOString() },
		...readHistory(storage).filter((e) => e.sql !== sql)
	].slice(0, HISTORY_SIZE);
	try {
		storage.setItem(HISTORY_KEY, JSON.stringify(entries));
	} catch {
		// kept in the page (returned) even when the browser will not store it
	}
	return entries;
}
