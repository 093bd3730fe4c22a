import { appData } from '../datasets/app-data.svelte';
import { describeError, type UserError } from '../errors/user-error';
import type { Mapping } from '../import/mapping';
import { emptyFiles } from '../import/refusals';
import { missingRequired } from '../import/required-fields';
import { mappingProblems } from '../import/validate-mapping';
import type { ReadProgress, SourceFile, StagedFile } from '../import/readers/types';
import type { ImportReport } from '../import/report';
import { recallMapping, rememberMapping } from './remembered-mappings';

export type Step = 'choose' | 'reading' | 'mapping' | 'building' | 'done';

/**
 * One import, step by step: read the files into staging tables (the loaded dataset is not
 * touched), let the user correct the suggested mapping, build, report. The staging tables are
 * dropped when the user starts over or leaves the import screen; the files themselves are kept,
 * so changing the mapping later reads them again. Every build after the first replaces the
 * dataset this import made, rather than adding another.
 */
class ImportSession {
	step = $state<Step>('choose');
	sources = $state.raw<SourceFile[]>([]);
	sheet = $state<string | undefined>(undefined);
	progress = $state.raw<ReadProgress | null>(null);
	staged = $state.raw<StagedFile[]>([]);
	mapping = $state<Mapping>({ layout: 'wide', fields: {}, measures: {} });
	notes = $state.raw<string[]>([]);
	name = $state('');
	report = $state.raw<ImportReport | null>(null);
	error = $state.raw<UserError | null>(null);
	/** The build step running now, shown while a large import builds. */
	buildStep = $state('');
	/** The dataset this import built: later builds replace it. */
	datasetId = $state<string | null>(null);
	#onScreen = true;
	/** What stands between this mapping and an import, said before Import is pressed. */
	blockers = $derived({
		missing: missingRequired(this.mapping),
		problems: [...emptyFiles(this.staged), ...mappingProblems(this.mapping).map((p) => p.message)]
	});

	async read(sources: SourceFile[], sheet?: string) {
		await this.reset();
		this.sources = sources;
		this.sheet = sheet;
		try {
			await this.#stage();
			const columns = this.staged.flatMap((s) => s.columns);
			const recalled = recallMapping(columns);
			const suggestion = recalled.mapping
				? { mapping: recalled.mapping, notes: [] }
				: await appData.workspace.suggest(this.staged);
			this.mapping = suggestion.mapping;
			this.notes = [
				...this.staged.flatMap((s) => s.notes.map((n) => `${s.file}: ${n}`)),
				...recalled.notes,
				...suggestion.notes
			];
			this.name = sources.map((s) => s.name).join(', ');
			this.step = 'mapping';
		} catch (e) {
			await this.#failed(e, 'choose', `${sources.map((s) => s.name).join(', ')} could not be read`);
		}
	}

	async build() {
		this.error = null;
		try {
			if (!this.staged.length) await this.#stage();
			this.step = 'building';
			const mapping = $state.snapshot(this.mapping);
			const built = await appData.build(this.staged, mapping, {
				name: this.name,
				replaces: this.datasetId ?? undefined,
				onStep: (s) => (this.buildStep = s)
			});
			this.report = built.report;
			this.datasetId = built.id;
			rememberMapping(
				this.staged.flatMap((s) => s.columns),
				mapping
			);
			this.step = 'done';
		} catch (e) {
			await this.#failed(e, 'mapping', `The import of ${this.name} failed; nothing was changed`);
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

	/** Back to the mapping, to change it and import again (the files are read again if needed). */
	async edit() {
		this.error = null;
		try {
			if (!this.staged.length) await this.#stage();
			this.step = 'mapping';
		} catch (e) {
			await this.#failed(e, 'choose', 'The files could not be read again');
		}
	}

	/** The import screen was left: its staging tables go (the files are kept to read again). */
	async leave() {
		this.#onScreen = false;
		await this.#dropStaged();
	}

	/** Back on the import screen: a mapping being edited gets its files read again. */
	async resume() {
		this.#onScreen = true;
		if (this.step === 'mapping' && !this.staged.length && this.sources.length) await this.edit();
	}

	async reset() {
		await this.#dropStaged();
		this.sources = [];
		this.report = null;
		this.progress = null;
		this.error = null;
		this.datasetId = null;
		this.step = 'choose';
	}

	async #stage() {
		this.step = 'reading';
		this.progress = null;
		this.staged = await appData.workspace.stage(this.sources, {
			sheet: this.sheet,
			onProgress: (p) => (this.progress = p)
		});
		if (!this.#onScreen) await this.#dropStaged(); // left while reading: nothing stays behind
	}

	async #dropStaged() {
		const staged = this.staged;
		this.staged = [];
		if (staged.length) await appData.workspace.dropStaged(staged).catch(() => {});
	}

	async #failed(e: unknown, back: Step, context: string) {
		if (back === 'choose') await this.reset().catch(() => {});
		this.error = describeError(e, context);
		this.step = back;
	}
}

export const importSession = new ImportSession();
