import type { DatasetStore } from './store';

type Reply = { id: number; result?: unknown; error?: string };

/** The dataset store run in a worker (store-worker.ts), with the same interface. */
export function openDatasetStoreInWorker(): DatasetStore {
	const worker = new Worker(new URL('./store-worker.ts', import.meta.url), { type: 'module' });
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	let next = 0;
	worker.onmessage = ({ data }: MessageEvent<Reply>) => {
		const call = pending.get(data.id);
		pending.delete(data.id);
		if (data.error !== undefined) call?.reject(new Error(data.error));
		else call?.resolve(data.result);
	};
	const call = <T>(method: keyof DatasetStore, args: unknown[], transfer: Transferable[] = []) =>
		new Promise<T>((resolve, reject) => {
			const id = next++;
			pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			worker.postMessage({ id, method, args }, transfer);
		});
	return {
		list: () => call('list', []),
		// The table bytes move to the worker without a copy; the caller's copies are detached.
		save: (record, tables, extra) =>
			call(
				'save',
				[record, tables, extra],
				[...new Set(tables.map((t) => t.ipc.buffer as ArrayBuffer))]
			),
		load: (id) => call('load', [id]),
		rename: (id, name) => call('rename', [id, name]),
		remove: (id) => call('remove', [id]),
		getActive: () => call('getActive', []),
		setActive: (id) => call('setActive', [id]),
		usage: () => call('usage', [])
	};
}
