import { matchKey } from './synonyms';

/** The labels the product uses, and the spellings and abbreviations clinics write for them. */
const ALIASES: Record<'technique' | 'condition' | 'sex', Record<string, string[]>> = {
	technique: {
		'Myofascial release': ['mfr', 'myofascial', 'myofascial release', 'myofascial release therapy'],
		'Neuromuscular / trigger point': [
			'nmt',
			'neuromuscular',
			'neuromuscular therapy',
			'trigger point',
			'trigger point therapy',
			'tpt',
			'neuromuscular trigger point'
		],
		'Deep tissue': ['deep tissue', 'deep tissue massage', 'dtm'],
		Swedish: ['swedish', 'swedish massage', 'relaxation massage'],
		'Sports massage': ['sports', 'sports massage', 'sport massage'],
		'Manual lymphatic drainage': [
			'mld',
			'lymphatic drainage',
			'manual lymphatic drainage',
			'lymph drainage'
		]
	},
	condition: {
		'Low back pain': [
			'lbp',
			'low back pain',
			'lower back pain',
			'chronic low back pain',
			'back pain',
			'lumbago',
			'clbp'
		],
		'Neck pain': ['neck pain', 'cervicalgia', 'neck', 'chronic neck pain'],
		Fibromyalgia: ['fibromyalgia', 'fm', 'fms'],
		Headache: ['headache', 'tension headache', 'tension type headache', 'tth'],
		Sciatica: ['sciatica'],
		'Carpal tunnel': ['carpal tunnel', 'carpal tunnel syndrome', 'cts'],
		'Thoracic outlet': ['thoracic outlet', 'thoracic outlet syndrome', 'tos'],
		'Sports injury': ['sports injury', 'sport injury', 'athletic injury'],
		'Post-surgical': [
			'post surgical',
			'postsurgical',
			'post op',
			'postop',
			'post operative',
			'postoperative'
		],
		Arthritis: ['arthritis', 'osteoarthritis', 'oa', 'knee oa'],
		Pregnancy: ['pregnancy', 'prenatal', 'pregnancy related pain']
	},
	sex: {
		F: ['f', 'female', 'woman', 'w'],
		M: ['m', 'male', 'man']
	}
};

export type AliasedField = keyof typeof ALIASES;

/** (match key, label) pairs of a field's built-in aliases, for SQL. */
export function aliasPairs(field: string): [string, string][] {
	const pairs = new Map<string, string>();
	const builtIn = ALIASES[field as AliasedField] ?? {};
	for (const [label, words] of Object.entries(builtIn)) {
		for (const w of [label, ...words]) pairs.set(matchKey(w), label);
	}
	return [...pairs];
}
