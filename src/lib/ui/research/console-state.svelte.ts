import { csvBlob, downloadBlob } from '../../charts/frame/download';
import type { Coordinator } from '../../engine/coordinator';
import { isAbortError } from '../../engine/engine';
import type { UserError } from '../../errors/user-error';
import {
	consoleCsv,
	consoleParquet,
	runConsoleQuery,
	type ConsolePage
} from '../../research/console';
import { describeConsoleError } from '../../research/console-errors';
import { EXAMPLE_QUERY } from '../../research/schema-sql';
import { readHistory, remember, type HistoryEntry, type TextStorage } from '../../research/history';

export const PAGE_SIZE = 100;

/**
 * The console's state: the text, the page shown, what failed, the history. Every run goes
 * through the coordinator's read-only session; a newer run or Cancel drops the older answer.
 */
export class ConsoleState {
	text = $state(EXAMPLE_QUERY);
	page = $state.raw<ConsolePage | null>(null);
	error = $state.raw<UserError | null>(null);
	running = $state(false);
	exporting = $state<'CSV' | 'Parquet' | null>(null);
	history = $state.raw<HistoryEntry[]>([]);
	/** Runs answered so far (a page or an error): what a test waits on. */
	answered = $state(0);
	cancelled = $state(false);
	#controller: AbortController | null = null;

	/** What the status line says: running, or which rows are shown of how many. */
	get status(): string {
		if (this.running) return 'Running…';
		if (this.cancelled) return 'Cancelled.';
		const page = this.page;
		if (!page) return '';
		if (page.total === 0) return 'No rows.';
		const count = (n: number) => n.toLocaleString('en-US');
		const last = page.offset + page.rows.length;
		return `Rows ${count(page.offset + 1)}–${count(last)} of ${count(page.total)}`;
	}

	constructor(
		private readonly coordinator: Coordinator,
		private readonly storage: TextStorage | null,
		private readonly now: () => Date
	) {
		this.history = storage ? readHistory(storage) : [];
	}

	/** Runs the text from its first page, and remembers it. */
	run(): Promise<void> {
		const text = this.text;
		if (this.storage && text.trim()) this.history = remember(this.storage, text, this.now());
		return this.#load(text, 0);
	}

	/** Another page of the shown result (or the same one again, on newer data). */
	turn(offset: number): Promise<void> {
		return this.page ? this.#load(this.page.text, offset) : Promise.resolve();
	}

	/** Stops the running query in the engine (the dashboard's queries wait behind it). */
	cancel(): void {
		this.#controller?.abort();
		this.#controller = null;
		this.running = false;
		this.cancelled = true;
	}

	reuse(entry: HistoryEntry): void {
		this.text = entry.sql;
	}

	async export(kind: 'CSV' | 'Parquet'): Promise<void> {
		const page = this.page;
		if (!page || this.exporting) return;
		this.exporting = kind;
		try {
			if (kind === 'CSV')
				downloadBlob(csvBlob(await consoleCsv(this.coordinator, page)), 'query-result.csv');
			else {
				const bytes = await consoleParquet(this.coordinator, page);
				downloadBlob(
					new Blob([bytes.slice()], { type: 'application/vnd.apache.parquet' }),
					'query-result.parquet'
				);
			}
		} catch (e) {
			this.error = describeConsoleError(e);
		} finally {
			this.exporting = null;
		}
	}

	async #load(text: string, offset: number) {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.running = true;
		this.cancelled = false;
		this.error = null;
		try {
			const page = await runConsoleQuery(
				this.coordinator,
				text,
				offset,
				PAGE_SIZE,
				controller.signal
			);
			if (this.#controller !== controller) return;
			this.page = page;
		} catch (e) {
			if (this.#controller !== controller || isAbortError(e)) return;
			this.error = describeConsoleError(e);
			this.page = null; // the result shown must be the text's, or none
		} finally {
			if (this.#controller === controller) {
				this.answered++;
				this.running = false;
				this.#controller = null;
			}
		}
	}
}
