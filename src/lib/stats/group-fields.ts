import {
	isCategoryField,
	isNumberField,
	type CategoryField,
	type NumberField
} from '../selection/clause';

/** What a summary can be grouped by: a category, or a dose (session length band, sessions). */
export type GroupField = CategoryField | NumberField;

export const isGroupField = (name: string): name is GroupField =>
	isCategoryField(name) || isNumberField(name);

/** The fields a summary accepts, for messages (the CLI lists them). */
export const GROUP_FIELD_NAMES: readonly GroupField[] = [
	'clinic',
	'therapist',
	'condition',
	'technique',
	'age_band',
	'sex',
	'length_band',
	'sessions'
];
