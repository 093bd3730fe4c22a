import { describe, expect, it } from 'vitest';
import { freshDb } from '../../../tests/support/db';
import { suggestMapping } from './auto-map';
import { stageFiles } from './import-files';

/** The mapping suggested for a small CSV, read as the import screen reads it. */
async function suggested(csv: string) {
	const db = await freshDb();
	const staged = await stageFiles(db, [{ name: 's.csv', blob: new Blob([csv]) }]);
	const suggestion = await suggestMapping(db, staged);
	await db.close();
	return suggestion;
}

describe('suggested mappings', () => {
	it("take a trial's numbered time column (1 = pre, 2 = post) as the visit when there is no date", async () => {
		const { mapping, notes } = await suggested('id,time,group,pain\n1,1,A,6\n1,2,A,3\n2,1,B,5\n');
		expect(mapping.fields).toMatchObject({ patient: 'id', visit: 'time', technique: 'group' });
		expect(mapping.timeUnit).toBe('visit');
		expect(notes).toContain('"time" holds numbers and there is no date: read as visit numbers.');
	});

	it('leave a time column alone when it is not numbered, or a date is there', async () => {
		const clock = await suggested('id,date,time,pain\n1,2025-01-06,1,6\n');
		expect(clock.mapping.fields).toEqual({ patient: 'id', date: 'date' });
		const words = await suggested('id,time,pain\n1,pre,6\n1,post,3\n');
		expect(words.mapping.fields).toEqual({ patient: 'id' });
	});

	it('do not take a detail of a thing for the thing: coordinates, an address, a birth date', async () => {
		const { mapping } = await suggested(
			'patient,Date of birth,visit date,Location Coordinates,Clinic address,Patient email,pain\n' +
				'P1,1970-01-01,2025-01-06,"51.5,-0.1",1 High St,a@b.c,5\n'
		);
		expect(mapping.fields).toEqual({ patient: 'patient', date: 'visit date' });
		const plain = await suggested('patient,date,Location,Site ID,pain\nP1,2025-01-06,North,3,5\n');
		expect(plain.mapping.fields).toMatchObject({ clinic: 'Location' });
	});
});
