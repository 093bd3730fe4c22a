import { describe, expect, it } from 'vitest';
import { openDatasetStoreInWorker } from './store-client';

/** Stands in for the browser's Worker: records what is posted; the test decides what happens. */
class SilentWorker {
	posted: unknown[] = [];
	onmessage: ((e: MessageEvent) => void) | null = null;
	onerror: ((e: ErrorEvent) => void) | null = null;
	terminated = false;
	postMessage(message: unknown) {
		this.posted.push(message);
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

	it('passes a failure the worker reports on to the caller', async () => {
		const { worker, store } = open();
		const rename = store.rename('x', 'y');
		worker.reply({ id: 0, error: 'There is no saved dataset x' });
		await expect(rename).rejects.toThrow('There is no saved dataset x');
		store.close();
		expect(worker.terminated).toBe(true);
	});
});
