import type { Coordinator } from '../engine/coordinator';
import { suggestMapping, type Suggestion } from '../import/auto-map';
import { dropStaged, stageFiles } from '../import/import-files';
import type { Mapping } from '../import/mapping';
import { buildDataset, DATASET_TABLES } from '../import/pipeline';
import { sizeOf } from '../import/readers';
import type { ReadOptions, SourceFile, StagedFile } from '../import/readers/types';
import type { ImportReport } from '../import/report';
import { refuseTooLarge } from '../import/size-limits';
import type { Measure } from '../measures/registry';
import { buildDerivedTables, DERIVED_TABLES, DERIVED_VERSION } from '../model/derived-tables';
import { installTQuantiles } from '../stats/t-quantiles';
import { readDatasetMeta, type DatasetInfo } from './dataset-meta';
import type { DatasetFile } from './dataset-file';
import { restoreTables, snapshotTables, type TableSnapshot } from './snapshot';
import type { DatasetRecord, DatasetStore } from './store';

/** The dataset now in the engine, as the views need it. */
export interface Loaded {
	record: DatasetRecord;
	info: DatasetInfo;
	measures: Measure[];
	/** Set when the dataset works but could not be kept in this browser. */
	warning?: string;
}

export interface BuildRequest {
	name: string;
	/** The dataset this import replaces (the one being edited), else a new one is added. */
	replaces?: string;
	builtIn?: boolean;
	onStep?: (step: string) => void;
}

/**
 * IndexedDB's refusals by name (the store worker passes a name when there is no message), in
 * plain words. A private window's storage lives in memory with a small quota: Chromium refused
 * a 5M-session dataset there that a normal profile saved.
 */
const SAVE_REFUSALS: Record<string, string> = {
	QuotaExceededError:
		"the browser's storage for this site is full (a private window holds far less than a normal one). Remove saved datasets you no longer need, or import in a normal window"
};

/**
 * Every change to the loaded dataset, each one coordinator write: reading files into staging
 * tables (unique per write, so two imports never share one), building, restoring, removing. A
 * dataset is snapshotted inside the write that built it, and saved in the order written, so the
 * saved and the active dataset are always the one in the engine.
 */
export class Workspace {
	#saving: Promise<unknown> = Promise.resolve();

	constructor(
		readonly coordinator: Coordinator,
		readonly store: DatasetStore,
		readonly now: () => Date
	) {}

	/** Starts the engine with the statistics helpers every view's SQL uses. */
	start(): Promise<void> {
		return this.coordinator.write('Starting the engine', (db) => installTQuantiles(db));
	}

	/**
	 * Reads files into staging tables; the loaded dataset is not touched. Files too large for
	 * this tab are refused first, from their sizes, before any data is read (the command line
	 * and the server's import read through importFiles, without this limit).
	 */
	async stage(sources: readonly SourceFile[], options: ReadOptions = {}): Promise<StagedFile[]> {
		refuseTooLarge(await Promise.all(sources.map(sizeOf)));
		return this.coordinator.write('Reading files', (db, scope) =>
			stageFiles(db, sources, { ...options, table: (i) => scope.unique('staged', i) })
		);
	}

	suggest(staged: readonly StagedFile[]): Promise<Suggestion> {
		return this.coordinator.write('Suggesting a mapping', (db) => suggestMapping(db, staged));
	}

	dropStaged(staged: readonly StagedFile[]): Promise<void> {
		return this.coordinator.write('Dropping staged files', (db) => dropStaged(db, staged));
	}

	/** Builds the staged files into the dataset shown, and keeps it in this browser. */
	async build(
		staged: readonly StagedFile[],
		mapping: Mapping,
		request: BuildRequest
	): Promise<{ report: ImportReport; loaded: Loaded }> {
		const built = await this.coordinator.write(`Importing ${request.name}`, async (db) => {
			const report = await buildDataset(db, staged, mapping, {
				name: request.name,
				now: this.now(),
				onStep: request.onStep
			});
			const record = this.#record(request, report);
			const blob = (bytes: Uint8Array) => this.store.blob(bytes);
			const tables = await snapshotTables(db, DATASET_TABLES, { blob });
			const saving = this.#keep(record, tables, { report, mapping });
			return { report, record, saving, ...(await readDatasetMeta(db)) };
		});
		return { report: built.report, loaded: await this.#kept(built) };
	}

	/**
	 * Opens a ready-made dataset (the bundled sample, built at build time) as the dataset shown,
	 * and keeps it in this browser as if it had been imported here.
	 */
	async openFile(file: DatasetFile, request: BuildRequest): Promise<Loaded> {
		const { report, mapping, tables } = file;
		const record = this.#record(request, report);
		const opened = await this.coordinator.write(`Opening ${request.name}`, async (db) => {
			await restoreTables(db, tables);
			const saving = this.#keep(record, tables, { report, mapping });
			return { record, saving, ...(await readDatasetMeta(db)) };
		});
		return this.#kept(opened);
	}

	/**
	 * Saves and activates a dataset just written. Called inside its write, so saves happen in the
	 * order the tables were built.
	 */
	#keep(record: Omit<DatasetRecord, 'bytes'>, tables: TableSnapshot[], extra: unknown) {
		return this.#inOrder(async () => {
			const kept = await this.store.save(record, tables, extra);
			await this.store.setActive(kept.id);
			return kept;
		});
	}

	/** The dataset written, once saved; still usable until reload when storage refused it. */
	async #kept(written: {
		record: Omit<DatasetRecord, 'bytes'>;
		saving: Promise<DatasetRecord>;
		info: DatasetInfo;
		measures: Measure[];
	}): Promise<Loaded> {
		const { record, saving, info, measures } = written;
		try {
			return { record: await saving, info, measures };
		} catch (e) {
			// Storage can be refused (private windows, quota): the dataset still works until reload.
			const said = e instanceof Error ? e.message : String(e);
			const why = SAVE_REFUSALS[said] ?? (said || 'the browser gave no reason');
			const warning = `The dataset could not be saved in this browser: ${why}`;
			return { record: { ...record, bytes: 0 }, info, measures, warning };
		}
	}

	/** Loads a saved dataset into the engine; null when it is not (or no longer) saved. */
	async restore(id: string): Promise<Loaded | null> {
		const saved = await this.store.load(id);
		if (!saved) return null;
		const { loaded, activating } = await this.coordinator.write(
			`Opening ${saved.record.name}`,
			async (db) => {
				await restoreTables(db, saved.tables);
				// Saved before the analysis tables existed, or before their columns changed: derive
				// them again from the canonical tables saved with them.
				const names = new Set(saved.tables.map((t) => t.name));
				if (saved.record.derived !== DERIVED_VERSION || DERIVED_TABLES.some((t) => !names.has(t)))
					await buildDerivedTables(db);
				const loaded: Loaded = { record: saved.record, ...(await readDatasetMeta(db)) };
				return { loaded, activating: this.#inOrder(() => this.store.setActive(id)) };
			}
		);
		await activating;
		return loaded;
	}

	/** Removes a saved dataset (after any save still under way). */
	forget(id: string): Promise<void> {
		return this.#inOrder(() => this.store.remove(id));
	}

	list(): Promise<DatasetRecord[]> {
		return this.#inOrder(() => this.store.list());
	}

	rename(id: string, name: string): Promise<void> {
		return this.#inOrder(() => this.store.rename(id, name));
	}

	#record(request: BuildRequest, report: ImportReport): Omit<DatasetRecord, 'bytes'> {
		return {
			id: request.replaces ?? crypto.randomUUID(),
			name: request.name,
			createdAt: this.now().toISOString(),
			files: report.files.map((f) => f.file),
			summary: {
				rows: report.rows,
				accepted: report.accepted,
				rejected: report.rejected,
				sessions: report.sessions,
				patients: report.patients
			},
			builtIn: request.builtIn ?? false,
			derived: DERIVED_VERSION
		};
	}

	/** Store calls in the order their writes ran, so the last write's dataset ends up active. */
	#inOrder<T>(task: () => Promise<T>): Promise<T> {
		const run = this.#saving.then(task, task);
		this.#saving = run.catch(() => {});
		return run;
	}
}
