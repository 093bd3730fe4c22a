import sampleCsvUrl from '../../../sample-data/sessions.csv?url';
import { Coordinator } from '../engine/coordinator';
import { createWasmConnector } from '../engine/wasm-connector';
import { importFiles } from '../import/import-files';
import type { Mapping } from '../import/mapping';
import { DATASET_TABLES } from '../import/pipeline';
import type { ImportReport } from '../import/report';
import type { Measure } from '../measures/registry';
import { installTQuantiles } from '../stats/t-quantiles';
import { readDatasetMeta, type DatasetInfo } from './dataset-meta';
import { restoreTables, snapshotTables } from './snapshot';
import type { DatasetRecord, DatasetStore } from './store';
import { openDatasetStoreInWorker } from './store-client';

export type Phase = 'idle' | 'starting' | 'loading' | 'ready' | 'failed';

const SAMPLE_NAME = 'Sample clinics (bundled)';

/**
 * The app's one engine and the dataset loaded in it, shared by every view. Datasets live in
 * IndexedDB; the active one is restored into DuckDB on start (the bundled sample on first visit).
 */
class AppData {
	phase = $state<Phase>('idle');
	error = $state<string | null>(null);
	/** Something went wrong that did not stop the app (e.g. storage refused). */
	warning = $state<string | null>(null);
	active = $state.raw<DatasetRecord | null>(null);
	info = $state.raw<DatasetInfo | null>(null);
	measures = $state.raw<Measure[]>([]);
	datasets = $state.raw<DatasetRecord[]>([]);
	usage = $state.raw<{ usedBytes: number; quotaBytes: number | null } | null>(null);
	/** Bumped whenever the loaded tables change, so views re-query. */
	version = $state(0);
	readonly coordinator = new Coordinator(createWasmConnector);
	#store: DatasetStore | null = null;
	#ready: Promise<void> | null = null;

	/** Started on first use: a worker belongs to the page, not to module loading. */
	get store(): DatasetStore {
		this.#store ??= openDatasetStoreInWorker();
		return this.#store;
	}

	ensureReady(): Promise<void> {
		this.#ready ??= this.#start().catch((e: unknown) => this.#fail(e));
		return this.#ready;
	}

	async #start() {
		this.phase = 'starting';
		const db = await this.coordinator.db();
		await installTQuantiles(db);
		this.phase = 'loading';
		// Ask the browser to keep imported datasets under storage pressure (best effort).
		void navigator.storage?.persist?.().catch(() => false);
		const activeId = await this.store.getActive().catch(() => null);
		const restored = activeId
			? await this.#restore(activeId).catch((e: unknown) => {
					this.warning = `The saved dataset could not be opened (${e instanceof Error ? e.message : e}); the sample is shown instead.`;
					return false;
				})
			: false;
		if (!restored) await this.#loadSample();
		await this.refreshList();
		this.phase = 'ready';
	}

	#fail(e: unknown) {
		this.error = e instanceof Error ? e.message : String(e);
		this.phase = 'failed';
	}

	async #restore(id: string): Promise<boolean> {
		const saved = await this.store.load(id);
		if (!saved) return false;
		await restoreTables(await this.coordinator.db(), saved.tables);
		await this.#loaded(saved.record);
		return true;
	}

	async #loadSample() {
		const response = await fetch(sampleCsvUrl);
		if (!response.ok) throw new Error(`Could not read the sample data (${response.status})`);
		const db = await this.coordinator.db();
		const source = { name: 'sessions.csv', blob: await response.blob() };
		const { report, mapping } = await importFiles(db, [source], { name: SAMPLE_NAME });
		await this.saveLoaded(SAMPLE_NAME, report, mapping, true);
	}

	/** Persists the tables just built (an import) as a dataset and makes it the active one. */
	async saveLoaded(name: string, report: ImportReport, mapping: Mapping, builtIn = false) {
		const db = await this.coordinator.db();
		const record = {
			id: crypto.randomUUID(),
			name,
			createdAt: new Date().toISOString(),
			files: report.files.map((f) => f.file),
			summary: {
				rows: report.rows,
				accepted: report.accepted,
				rejected: report.rejected,
				sessions: report.sessions,
				patients: report.patients
			},
			builtIn
		};
		try {
			const saved = await this.store.save(record, await snapshotTables(db, DATASET_TABLES), {
				report,
				mapping
			});
			await this.store.setActive(saved.id);
			await this.#loaded(saved);
		} catch (e) {
			// Storage can be refused (private windows, quota): the dataset still works until reload.
			await this.#loaded({ ...record, bytes: 0 });
			this.warning = `The dataset could not be saved in this browser: ${e instanceof Error ? e.message : e}`;
		}
		await this.refreshList();
	}

	async #loaded(record: DatasetRecord) {
		const meta = await readDatasetMeta(await this.coordinator.db());
		this.info = meta.info;
		this.measures = meta.measures;
		this.active = record;
		this.coordinator.invalidate();
		this.version++;
	}

	async activate(id: string) {
		if (await this.#restore(id)) await this.store.setActive(id);
	}

	async rename(id: string, name: string) {
		await this.store.rename(id, name);
		if (this.active?.id === id) this.active = { ...this.active, name };
		await this.refreshList();
	}

	async remove(id: string) {
		await this.store.remove(id);
		await this.refreshList();
		if (this.active?.id !== id) return;
		const next = this.datasets[0];
		if (next) await this.activate(next.id);
		else await this.#loadSample();
	}

	async refreshList() {
		this.datasets = await this.store.list().catch(() => []);
		this.usage = await this.store.usage().catch(() => null);
	}
}

export const appData = new AppData();
