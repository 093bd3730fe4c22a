import sampleCsvUrl from '../../../sample-data/sessions.csv?url';
import { Coordinator } from '../engine/coordinator';
import { createWasmConnector } from '../engine/wasm-connector';
import { importFiles } from '../import/import-files';
import type { ImportReport } from '../import/report';
import { installTQuantiles } from '../stats/t-quantiles';

export type Phase = 'idle' | 'starting' | 'loading' | 'ready' | 'failed';

/** The app's single engine and the state of its data, shared by every view. */
class AppData {
	phase = $state<Phase>('idle');
	error = $state<string | null>(null);
	dataset = $state.raw<(ImportReport & { name: string }) | null>(null);
	/** Bumped whenever tables change, so views re-query. */
	version = $state(0);
	readonly coordinator = new Coordinator(createWasmConnector);
	#ready: Promise<void> | null = null;

	/** Starts DuckDB and loads the bundled sample once; views await it. */
	ensureReady(): Promise<void> {
		this.#ready ??= this.#start().catch((e: unknown) => {
			this.error = e instanceof Error ? e.message : String(e);
			this.phase = 'failed';
		});
		return this.#ready;
	}

	async #start() {
		this.phase = 'starting';
		const db = await this.coordinator.db();
		await installTQuantiles(db);
		this.phase = 'loading';
		const response = await fetch(sampleCsvUrl);
		if (!response.ok) throw new Error(`Could not read the sample data (${response.status})`);
		const name = 'Sample clinics (sessions.csv)';
		const source = { name: 'sessions.csv', blob: await response.blob() };
		const { report } = await importFiles(db, [source], { name });
		this.dataset = { ...report, name };
		this.coordinator.invalidate();
		this.version++;
		this.phase = 'ready';
	}
}

export const appData = new AppData();
