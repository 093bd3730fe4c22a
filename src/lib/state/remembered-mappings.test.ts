import { describe, expect, it } from 'vitest';
import type { Mapping } from '../import/mapping';
import { recallMapping, rememberMapping } from './remembered-mappings';

function memoryStorage(): Storage {
	const data = new Map<string, string>();
	return {
		get length() {
			return data.size;
		},
		clear: () => data.clear(),
		getItem: (k) => data.get(k) ?? null,
		key: (i) => [...data.keys()][i] ?? null,
		removeItem: (k) => void data.delete(k),
		setItem: (k, v) => void data.set(k, v)
	};
}

const mapping: Mapping = {
	layout: 'wide',
	fields: { patient: 'ID', date: 'When' },
	measures: { pain: 'Pain' }
};

describe('remembered mappings', () => {
	it('are recalled for the same set of columns, in any order', () => {
		const storage = memoryStorage();
		rememberMapping(['ID', 'When', 'Pain'], mapping, storage);
		expect(recallMapping(['Pain', 'ID', 'When'], storage).mapping).toEqual(mapping);
	});

	it('are dropped, with a note saying so, when they no longer validate', () => {
		const storage = memoryStorage();
		const stale = { ...mapping, customMeasures: [{ key: 'odi_v2', label: 'ODI', min: null }] };
		rememberMapping(['ID', 'When', 'Pain'], stale as unknown as Mapping, storage);
		const recalled = recallMapping(['ID', 'When', 'Pain'], storage);
		expect(recalled.mapping).toBeNull();
		expect(recalled.notes).toEqual([
			'The mapping remembered for these columns was dropped, as it no longer fits: Measure "ODI": "Instrument" is missing. A new one is suggested.'
		]);
		expect(storage.length).toBe(0);
	});

	it('are not recalled for another set of columns', () => {
		const storage = memoryStorage();
		rememberMapping(['ID', 'When', 'Pain'], mapping, storage);
		expect(recallMapping(['ID', 'When', 'Pain', 'Sleep'], storage).mapping).toBeNull();
	});
});
