import { describe, expect, it } from 'vitest';
import { openDatasetStoreInWorker } from './store-client';

/** Stands in for the browser's Worker: records what is posted; the test decides what happens. */
class SilentWorker {
	posted: unknown[] = [];
	transferred: Transferable[][] = [];
	onmessage: ((e: MessageEvent) => void) | null = null;
	onerror: ((e: ErrorEvent) => void) | null = null;
	terminated = false;
	postMessage(message: unknown, transfer: Transferable[] = []) {
		this.posted.push(message);
		this.transferred.push(transfer);
	}
	terminate() {
		this.terminated = true;
	}
	fail(message: string) {
		this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
	}
	reply(data: unknown) {
		this.onmessage?.({ data } as MessageEvent);
	}
}

const open = () => {
	const worker = new SilentWorker();
	return { worker, store: openDatasetStoreInWorker(worker as unknown as Worker) };
};

describe('the dataset store in a worker', () => {
	it('answers each call with its own reply', async () => {
		const { worker, store } = open();
		const active = store.getActive();
		const list = store.list();
		worker.reply({ id: 1, result: [] });
		worker.reply({ id: 0, result: 'abc' });
		expect(await active).toBe('abc');
		expect(await list).toEqual([]);
	});

	it('fails every waiting call when the worker fails, instead of waiting forever', async () => {
		const { worker, store } = open();
		const waiting = [store.list(), store.getActive()];
		worker.fail('Failed to fetch the worker script');
		for (const call of waiting) {
			await expect(call).rejects.toThrow(/stopped working \(Failed to fetch the worker script\)/);
		}
		await expect(store.usage()).rejects.toThrow(/stopped working/);
		expect(worker.posted).toHaveLength(2); // the later call never reached the dead worker
	});

	it('moves bytes to be made a Blob to the worker without a copy, and answers with its Blob', async () => {
		const { worker, store } = open();
		const bytes = new Uint8Array([1, 2, 3]);
		const made = store.blob(bytes);
		expect(worker.posted).toEqual([{ id: 0, method: 'blob', args: [bytes] }]);
		expect(worker.transferred).toEqual([[bytes.buffer]]);
		const blob = new Blob([new Uint8Array([1, 2, 3])]);
		worker.reply({ id: 0, result: blob });
		expect(await made).toBe(blob);
	});

	it('still makes Blobs once the worker has failed, on the page: an import does not need storage', async () => {
		const { worker, store } = open();
		worker.fail('crashed');
		const blob = await store.blob(new Uint8Array([4, 5]));
		expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([4, 5]);
		expect(worker.posted).toEqual([]);
	});

	it('passes a failure the worker reports on to the caller', async () => {
		const { worker, store } = open();
		const rename = store.rename('x', 'y');
		worker.reply({ id: 0, error: 'There is no saved dataset x' });
		await expect(rename).rejects.toThrow('There is no saved dataset x');
		store.close();
		expect(worker.terminated).toBe(true);
	});
});
