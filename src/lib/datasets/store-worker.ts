import { openDatasetStore, type DatasetStore } from './store';

/**
 * IndexedDB in a worker: storing hundreds of megabytes of table bytes costs the thread that does
 * it about a second, which must not be the page's.
 */
const store = openDatasetStore();

self.onmessage = async (
	event: MessageEvent<{ id: number; method: keyof DatasetStore; args: unknown[] }>
) => {
	const { id, method, args } = event.data;
	try {
		const result = await (store[method] as (...a: unknown[]) => Promise<unknown>)(...args);
		self.postMessage({ id, result });
	} catch (e) {
		// IndexedDB's errors are DOMExceptions, some with no message, only a name (UnknownError).
		self.postMessage({ id, error: e instanceof Error ? e.message || e.name : String(e) });
	}
};
