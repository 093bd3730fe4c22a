import sampleDatasetUrl from 'virtual:sample-dataset';
import { afterPaint } from '../engine/after-paint';
import { Coordinator } from '../engine/coordinator';
import { createHttpEngine, serverInfo, type ServerInfo } from '../engine/http-engine';
import { createWasmEngine } from '../engine/wasm-engine';
import { describeError, type UserError } from '../errors/user-error';
import type { Mapping } from '../import/mapping';
import type { StagedFile } from '../import/readers/types';
import type { Measure } from '../measures/registry';
import { now } from '../state/clock';
import { decodeDatasetFile, type DatasetFile } from './dataset-file';
import { readDatasetMeta, type DatasetInfo } from './dataset-meta';
import { SAMPLE_NAME } from './sample';
import type { DatasetRecord } from './store';
import { openDatasetStoreInWorker } from './store-client';
import { Workspace, type BuildRequest, type Loaded } from './workspace';

/** What the app is doing before it can show a dataset; each says what is really happening. */
export type Phase = 'idle' | 'starting' | 'restoring' | 'sample' | 'ready' | 'failed';

/**
 * Where the app's data is: duckdb-wasm in this browser, or the DuckDB server that served the
 * app (`npm run serve`), asked once at start (its info endpoint; a static server has none).
 */
export type Mode = 'detecting' | 'browser' | 'server';

/**
 * The app's one engine and the dataset loaded in it, shared by every view. Datasets live in
 * IndexedDB; the active one is restored into DuckDB on start (the bundled sample on first visit).
 * Every change goes through the workspace, as one coordinator write. Served by the DuckDB
 * server, the engine is the server's instead and the dataset is its file, read only: the same
 * queries go through the same coordinator, and nothing is imported or kept in the browser.
 */
class AppData {
	mode = $state<Mode>('detecting');
	/** The server's engine and dataset, in server mode. */
	server = $state.raw<ServerInfo | null>(null);
	phase = $state<Phase>('idle');
	/** The dataset being opened while phase is 'restoring'. */
	opening = $state<string | null>(null);
	error = $state.raw<UserError | null>(null);
	/** Something went wrong that did not stop the app (e.g. storage refused). */
	warning = $state<string | null>(null);
	active = $state.raw<DatasetRecord | null>(null);
	info = $state.raw<DatasetInfo | null>(null);
	measures = $state.raw<Measure[]>([]);
	datasets = $state.raw<DatasetRecord[]>([]);
	/** False until the saved datasets were read once (an empty list means none, after that). */
	listed = $state(false);
	usage = $state.raw<{ usedBytes: number; quotaBytes: number | null } | null>(null);
	/** The coordinator's data version: every write bumps it, so views ask again. */
	version = $state(0);
	readonly coordinator = new Coordinator(() => this.#openEngine(), undefined, afterPaint);
	#workspace: Workspace | null = null;
	#ready: Promise<void> | null = null;
	#detected: Promise<ServerInfo | null> | null = null;

	constructor() {
		this.coordinator.onChange((v) => (this.version = v));
	}

	/** Started on first use: a worker belongs to the page, not to module loading. */
	get workspace(): Workspace {
		this.#workspace ??= new Workspace(this.coordinator, openDatasetStoreInWorker(), now);
		return this.#workspace;
	}

	ensureReady(): Promise<void> {
		this.#ready ??= this.#start().catch((e: unknown) => {
			this.error = describeError(e, 'The app could not start');
			this.phase = 'failed';
		});
		return this.#ready;
	}

	/** After a failed start: a fresh storage worker, and start again. */
	retry(): Promise<void> {
		this.#workspace?.store.close();
		this.#workspace = null;
		this.#ready = null;
		this.error = this.warning = null;
		return this.ensureReady();
	}

	#detect(): Promise<ServerInfo | null> {
		this.#detected ??= serverInfo().then((info) => {
			this.server = info;
			this.mode = info ? 'server' : 'browser';
			return info;
		});
		return this.#detected;
	}

	async #openEngine() {
		return (await this.#detect()) ? createHttpEngine() : createWasmEngine();
	}

	async #start() {
		this.phase = 'starting';
		const server = await this.#detect();
		if (server) return this.#startOnServer(server);
		// The engine starts in its worker while the saved datasets are read in theirs and, on a
		// first visit, the sample is fetched.
		const started = awaitedLater(this.workspace.start());
		// Ask the browser to keep imported datasets under storage pressure (best effort).
		void navigator.storage?.persist?.().catch(() => false);
		const activeId = await this.workspace.store.getActive().catch((e: unknown) => {
			this.warning = `Saved datasets cannot be read in this browser (${describeError(e).summary}); the sample is shown instead.`;
			return null;
		});
		await this.refreshList(); // names the dataset being opened
		const sample = activeId ? undefined : awaitedLater(fetchSample());
		await started;
		const restored = activeId ? await this.#open(activeId) : false;
		if (!restored) await this.#loadSample(sample);
		await this.refreshList();
		this.phase = 'ready';
	}

	/** The server's dataset, described by its own tables as a restored one is. */
	async #startOnServer(server: ServerInfo) {
		const meta = await readDatasetMeta(this.coordinator);
		const record: DatasetRecord = {
			id: 'server',
			name: server.dataset,
			createdAt: '',
			files: [],
			summary: {},
			bytes: 0,
			builtIn: false
		};
		this.#show({ record, ...meta });
		this.listed = true;
		this.phase = 'ready';
	}

	/** Opens a saved dataset; false (with a warning) if it cannot be. */
	async #open(id: string): Promise<boolean> {
		if (this.phase !== 'ready') this.phase = 'restoring';
		this.opening = this.datasets.find((d) => d.id === id)?.name ?? 'your saved dataset';
		try {
			const loaded = await this.workspace.restore(id);
			if (loaded) this.#show(loaded);
			return loaded !== null;
		} catch (e) {
			this.warning = `The saved dataset could not be opened (${describeError(e).summary}).`;
			return false;
		} finally {
			this.opening = null;
		}
	}

	/** The bundled sample, imported at build time: restored, not imported again here. */
	async #loadSample(file = fetchSample()) {
		if (this.phase !== 'ready') this.phase = 'sample';
		const opened = await this.workspace.openFile(await file, { name: SAMPLE_NAME, builtIn: true });
		this.#show(opened);
	}

	/** Builds staged files into the dataset shown (replacing `request.replaces` if given). */
	async build(staged: readonly StagedFile[], mapping: Mapping, request: BuildRequest) {
		const { report, loaded } = await this.workspace.build(staged, mapping, request);
		this.#show(loaded);
		await this.refreshList();
		return { report, id: loaded.record.id };
	}

	#show(loaded: Loaded) {
		this.info = loaded.info;
		this.measures = loaded.measures;
		this.active = loaded.record;
		if (loaded.warning) this.warning = loaded.warning;
	}

	async activate(id: string) {
		if (await this.#open(id)) await this.refreshList();
	}

	async rename(id: string, name: string) {
		await this.workspace.rename(id, name);
		if (this.active?.id === id) this.active = { ...this.active, name };
		await this.refreshList();
	}

	async remove(id: string) {
		await this.workspace.forget(id);
		await this.refreshList();
		if (this.active?.id !== id) return;
		const next = this.datasets[0];
		if (!next || !(await this.#open(next.id))) await this.#loadSample();
		await this.refreshList();
	}

	async refreshList() {
		this.datasets = await this.workspace.list().catch(() => []);
		this.usage = await this.workspace.store.usage().catch(() => null);
		this.listed = true;
	}
}

async function fetchSample(): Promise<DatasetFile> {
	const response = await fetch(sampleDatasetUrl);
	if (!response.ok) throw new Error(`Could not read the sample data (${response.status})`);
	return decodeDatasetFile(new Uint8Array(await response.arrayBuffer()));
}

/** A promise awaited later: its failure meanwhile is not reported as unhandled. */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
	promise.catch(() => {});
	return promise;
}

export const appData = new AppData();
