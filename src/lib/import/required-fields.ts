import { PlainError } from '../errors/user-error';
import type { Mapping } from './mapping';
import { FIELD_LABELS } from './mapping-names';

/** A required field (domain.md) as the import screen names it, and where a mapping file sets it. */
export interface RequiredField {
	label: string;
	inFile: string;
}

const REQUIRED: (RequiredField & { mapped: (m: Mapping) => boolean })[] = [
	{ label: FIELD_LABELS.patient, inFile: 'fields.patient', mapped: (m) => !!m.fields.patient },
	{
		label: `${FIELD_LABELS.date} or ${FIELD_LABELS.visit}`,
		inFile: 'fields.date or fields.visit',
		mapped: (m) => !!(m.fields.date || m.fields.visit)
	},
	{
		label: 'at least one measure',
		inFile: 'measures',
		mapped: (m) => Object.keys(m.measures).length > 0
	}
];

/** What must still be mapped before an import can run: a patient, a time, at least one measure. */
export const missingRequired = (mapping: Mapping): RequiredField[] =>
	REQUIRED.filter((r) => !r.mapped(mapping)).map(({ label, inFile }) => ({ label, inFile }));

/** An import refused because required fields are not mapped; nothing was built. */
export class MissingFieldsError extends PlainError {
	constructor(readonly missing: readonly RequiredField[]) {
		super(`Before importing, map: ${missing.map((r) => r.label).join('; ')}.`);
	}
}
