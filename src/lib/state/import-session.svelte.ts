import { appData } from '../datasets/app-data.svelte';
import { suggestMapping } from '../import/auto-map';
import { dropStaged, stageFiles } from '../import/import-files';
import type { Mapping } from '../import/mapping';
import { buildDataset } from '../import/pipeline';
import type { ReadProgress, SourceFile, StagedFile } from '../import/readers/types';
import type { ImportReport } from '../import/report';
import { recallMapping, rememberMapping } from './remembered-mappings';

export type Step = 'choose' | 'reading' | 'mapping' | 'building' | 'done';

/**
 * One import, step by step: read the files into staging tables (the loaded dataset is not
 * touched), let the user correct the suggested mapping, build, report. The staging tables stay
 * until the user starts over, so a mapping can be changed and the import run again.
 */
class ImportSession {
	step = $state<Step>('choose');
	sources = $state.raw<SourceFile[]>([]);
	progress = $state.raw<ReadProgress | null>(null);
	staged = $state.raw<StagedFile[]>([]);
	mapping = $state<Mapping>({ layout: 'wide', fields: {}, measures: {} });
	notes = $state.raw<string[]>([]);
	name = $state('');
	report = $state.raw<ImportReport | null>(null);
	error = $state<string | null>(null);
	/** The build step running now, shown while a large import builds. */
	buildStep = $state('');

	async read(sources: SourceFile[], sheet?: string) {
		await this.reset();
		this.sources = sources;
		this.step = 'reading';
		try {
			const db = await appData.coordinator.db();
			this.staged = await stageFiles(db, sources, {
				sheet,
				onProgress: (p) => (this.progress = p)
			});
			const columns = this.staged.flatMap((s) => s.columns);
			const recalled = recallMapping(columns);
			const suggestion = recalled
				? {
						mapping: recalled,
						notes: ['Mapping remembered from the last import of a file with these columns.']
					}
				: await suggestMapping(db, this.staged);
			this.mapping = suggestion.mapping;
			this.notes = [
				...this.staged.flatMap((s) => s.notes.map((n) => `${s.file}: ${n}`)),
				...suggestion.notes
			];
			this.name = sources.map((s) => s.name).join(', ');
			this.step = 'mapping';
		} catch (e) {
			await this.#failed(e, 'choose');
		}
	}

	async build() {
		this.step = 'building';
		this.error = null;
		try {
			const db = await appData.coordinator.db();
			const mapping = $state.snapshot(this.mapping);
			this.report = await buildDataset(db, this.staged, mapping, {
				name: this.name,
				onStep: (s) => (this.buildStep = s)
			});
			this.buildStep = 'Saving the dataset in this browser';
			rememberMapping(
				this.staged.flatMap((s) => s.columns),
				mapping
			);
			await appData.saveLoaded(this.name, this.report, mapping);
			this.step = 'done';
		} catch (e) {
			await this.#failed(e, 'mapping');
		}
	}

	/** Renames or merges category values (old label → new), then imports again. */
	async rename(
		field: 'clinic' | 'therapist' | 'condition' | 'technique',
		renames: Record<string, string>
	) {
		const aliases = (this.mapping.valueAliases ??= {});
		aliases[field] = { ...aliases[field], ...renames };
		await this.build();
	}

	/** Back to the mapping with the files still read, to change it and import again. */
	edit() {
		this.step = 'mapping';
	}

	async reset() {
		if (this.staged.length) await dropStaged(await appData.coordinator.db(), this.staged);
		this.staged = [];
		this.report = null;
		this.progress = null;
		this.error = null;
		this.step = 'choose';
	}

	async #failed(e: unknown, back: Step) {
		const message = e instanceof Error ? e.message : String(e);
		if (back === 'choose') await this.reset().catch(() => {});
		this.error = message;
		this.step = back;
	}
}

export const importSession = new ImportSession();
