import { blobOf, type TableSnapshot } from './snapshot';

export interface DatasetRecord {
	id: string;
	name: string;
	createdAt: string;
	files: string[];
	summary: Record<string, number>;
	bytes: number;
	builtIn: boolean;
	/**
	 * The version of the analysis tables saved with it (DERIVED_VERSION when saved); absent in
	 * datasets saved before versions were kept. Another version is rebuilt when opened.
	 */
	derived?: number;
}

export interface DatasetStore {
	/** Newest first; never reads table bytes. */
	list(): Promise<DatasetRecord[]>;
	/** Adds the dataset, or replaces the one with the same id, all at once or not at all. */
	save(
		record: Omit<DatasetRecord, 'bytes'>,
		tables: TableSnapshot[],
		extra?: unknown
	): Promise<DatasetRecord>;
	load(
		id: string
	): Promise<{ record: DatasetRecord; tables: TableSnapshot[]; extra: unknown } | null>;
	rename(id: string, name: string): Promise<void>;
	/** Removes the dataset with its tables; clears the active id if it was this dataset. */
	remove(id: string): Promise<void>;
	getActive(): Promise<string | null>;
	setActive(id: string | null): Promise<void>;
	usage(): Promise<{ usedBytes: number; quotaBytes: number | null }>;
	/**
	 * The bytes as a Blob, made where the storage runs (its worker, in the browser), which takes
	 * the bytes over: the caller's array is unusable afterwards.
	 */
	blob(bytes: Uint8Array): Promise<Blob>;
	/** Lets go of the storage (a new store can then be opened, e.g. to retry after a failure). */
	close(): void;
}

// Records and payloads live apart so that listing datasets never reads megabytes of rows.
const RECORDS = 'datasets';
const PAYLOADS = 'payloads';
const SETTINGS = 'settings';
const ACTIVE = 'active';

/**
 * Table bytes are kept as Blobs: Chromium refuses to store a value whose serialised form exceeds
 * ~127 MB (a 2M-row dataset is ~250 MB), while a Blob is stored apart and only referenced.
 * Datasets saved before snapshots were Blobs hold their bytes as Uint8Array, loaded as Blobs.
 */
type StoredTable = Omit<TableSnapshot, 'ipc'> & { ipc: Blob | Uint8Array };
type Payload = { tables: StoredTable[]; extra: unknown };

/**
 * Datasets kept in IndexedDB. Written against the standard API rather than the `idb` wrapper:
 * idb opens through the global `indexedDB` and recognises requests with `instanceof` against the
 * global IDB classes, so it cannot use an injected factory (which tests and other origins need).
 */
export function openDatasetStore(
	factory: IDBFactory = globalThis.indexedDB,
	dbName = 'massage-outcomes'
): DatasetStore {
	let opening: Promise<IDBDatabase> | null = null;
	const database = () => {
		opening ??= open(factory, dbName).catch((e: unknown) => {
			opening = null; // let a later call try again (e.g. after the user allowed storage)
			throw e;
		});
		return opening;
	};
	/**
	 * Runs `body` in one transaction and resolves once it has committed; any failure aborts it, so
	 * nothing is half-written. `body` may await only requests of `tx`, or the transaction closes.
	 */
	const transact = async <T>(
		stores: string[],
		mode: IDBTransactionMode,
		body: (tx: IDBTransaction) => Promise<T> | T
	): Promise<T> => {
		const tx = (await database()).transaction(stores, mode);
		const done = new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
		});
		done.catch(() => {}); // an abort surfaces through `await done`, never as unhandled
		try {
			const result = await body(tx);
			await done;
			return result;
		} catch (e) {
			try {
				tx.abort();
			} catch {
				// Already committing or finished: nothing left to undo.
			}
			await done.catch(() => {});
			throw e;
		}
	};

	const list = async () => {
		const records = await transact([RECORDS], 'readonly', (tx) =>
			request<DatasetRecord[]>(tx.objectStore(RECORDS).getAll())
		);
		// ISO timestamps sort as text. Imports of the same moment (a batch, a restored backup)
		// follow by name, then id: one order on every visit, not the store's key order.
		return records.sort(
			(a, b) =>
				Number(a.createdAt < b.createdAt) - Number(a.createdAt > b.createdAt) ||
				a.name.localeCompare(b.name) ||
				Number(a.id > b.id) - Number(a.id < b.id)
		);
	};

	return {
		list,
		async save(input, tables, extra) {
			const { id, name, createdAt, files, summary, builtIn, derived } = input;
			const stored: StoredTable[] = tables;
			const bytes = tables.reduce((sum, t) => sum + t.ipc.size, 0);
			const record: DatasetRecord = { id, name, createdAt, files, summary, bytes, builtIn };
			if (derived !== undefined) record.derived = derived;
			await transact([RECORDS, PAYLOADS], 'readwrite', (tx) => {
				tx.objectStore(RECORDS).put(record);
				tx.objectStore(PAYLOADS).put({ tables: stored, extra } satisfies Payload, id);
			});
			return record;
		},
		async load(id) {
			const found = await transact([RECORDS, PAYLOADS], 'readonly', async (tx) => {
				const [record, payload] = await Promise.all([
					request<DatasetRecord | undefined>(tx.objectStore(RECORDS).get(id)),
					request<Payload | undefined>(tx.objectStore(PAYLOADS).get(id))
				]);
				return record && payload ? { record, payload } : null;
			});
			if (!found) return null;
			// The Blobs' bytes are read by the restore, one table part at a time.
			const tables = found.payload.tables.map((t) => ({
				...t,
				ipc: t.ipc instanceof Blob ? t.ipc : blobOf(t.ipc)
			}));
			return { record: found.record, tables, extra: found.payload.extra };
		},
		rename: (id, name) =>
			transact([RECORDS], 'readwrite', async (tx) => {
				const records = tx.objectStore(RECORDS);
				const record = await request<DatasetRecord | undefined>(records.get(id));
				if (!record) throw new Error(`There is no saved dataset ${id}`);
				records.put({ ...record, name });
			}),
		remove: (id) =>
			transact([RECORDS, PAYLOADS, SETTINGS], 'readwrite', async (tx) => {
				tx.objectStore(RECORDS).delete(id);
				tx.objectStore(PAYLOADS).delete(id);
				const settings = tx.objectStore(SETTINGS);
				if ((await request(settings.get(ACTIVE))) === id) settings.delete(ACTIVE);
			}),
		getActive: () =>
			transact([SETTINGS], 'readonly', async (tx) => {
				const active: unknown = await request(tx.objectStore(SETTINGS).get(ACTIVE));
				return typeof active === 'string' ? active : null;
			}),
		setActive: (id) =>
			transact([SETTINGS], 'readwrite', (tx) => {
				const settings = tx.objectStore(SETTINGS);
				if (id === null) settings.delete(ACTIVE);
				else settings.put(id, ACTIVE);
			}),
		blob: async (bytes) => blobOf(bytes),
		async usage() {
			// The browser's estimate covers the whole origin (app caches too) and knows the quota.
			const estimate = await globalThis.navigator?.storage?.estimate?.();
			if (estimate) return { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? null };
			const records = await list();
			return { usedBytes: records.reduce((sum, r) => sum + r.bytes, 0), quotaBytes: null };
		},
		close() {
			void opening?.then((db) => db.close()).catch(() => {});
			opening = null;
		}
	};
}

function open(factory: IDBFactory | undefined, name: string): Promise<IDBDatabase> {
	if (!factory) return Promise.reject(new Error('This browser offers no IndexedDB storage'));
	const opening = factory.open(name, 1);
	opening.onupgradeneeded = () => {
		const db = opening.result;
		db.createObjectStore(RECORDS, { keyPath: 'id' });
		db.createObjectStore(PAYLOADS);
		db.createObjectStore(SETTINGS);
	};
	return request(opening).then((db) => {
		// Another tab upgrading the schema must not wait for this one forever.
		db.onversionchange = () => db.close();
		return db;
	});
}

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}
