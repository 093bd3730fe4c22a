import { blobOf } from './snapshot';
import type { DatasetStore } from './store';

type Reply = { id: number; result?: unknown; error?: string };
type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * The dataset store run in a worker (store-worker.ts), with the same interface. If the worker
 * fails (it could not load, or crashed), every call waiting on it and every later call fails
 * with that reason, so nothing waits forever.
 */
export function openDatasetStoreInWorker(
	worker: Worker = new Worker(new URL('./store-worker.ts', import.meta.url), { type: 'module' })
): DatasetStore {
	const pending = new Map<number, Pending>();
	let broken: Error | null = null;
	let next = 0;
	worker.onmessage = ({ data }: MessageEvent<Reply>) => {
		const call = pending.get(data.id);
		pending.delete(data.id);
		if (data.error !== undefined) call?.reject(new Error(data.error));
		else call?.resolve(data.result);
	};
	worker.onerror = (event: ErrorEvent) => {
		event.preventDefault?.();
		broken = new Error(
			`The browser storage for datasets stopped working${event.message ? ` (${event.message})` : ''}.`
		);
		for (const call of pending.values()) call.reject(broken);
		pending.clear();
	};
	// Table bytes are Blobs, which cross to the worker and back as references, not copies.
	const call = <T>(method: keyof DatasetStore, args: unknown[], transfer: Transferable[] = []) =>
		new Promise<T>((resolve, reject) => {
			if (broken) return reject(broken);
			const id = next++;
			pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			worker.postMessage({ id, method, args }, transfer);
		});
	return {
		list: () => call('list', []),
		save: (record, tables, extra) => call('save', [record, tables, extra]),
		load: (id) => call('load', [id]),
		rename: (id, name) => call('rename', [id, name]),
		remove: (id) => call('remove', [id]),
		getActive: () => call('getActive', []),
		setActive: (id) => call('setActive', [id]),
		usage: () => call('usage', []),
		// The bytes move to the worker without a copy; there the Blob copies them, off the page.
		// Storage that stopped working must not stop an import, only its save: the page copies.
		blob: (bytes) =>
			broken
				? Promise.resolve(blobOf(bytes))
				: call('blob', [bytes], [bytes.buffer as ArrayBuffer]),
		close: () => worker.terminate()
	};
}
