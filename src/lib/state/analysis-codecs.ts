import { isIsoDate } from '../selection/clause';

/** How one value is written in the address, and read back (undefined = not a valid value). */
export interface Codec<T> {
	parse(text: string): T | undefined;
	format(value: T): string;
	/** Why a text was refused, in plain words: completes "Ignored key=text: …". */
	rule: string;
}

export const text: Codec<string> = { parse: (t) => t, format: (v) => v, rule: '' };

export const name = (what: string): Codec<string> => ({
	parse: (t) => (t === '' ? undefined : t),
	format: (v) => v,
	rule: `${what} needs a name`
});

const quoted = (values: readonly string[]) => {
	const q = values.map((v) => `"${v}"`);
	return q.length > 1 ? `${q.slice(0, -1).join(', ')} or ${q.at(-1)}` : (q[0] ?? '');
};

export function choice<const T extends string>(values: readonly T[], what: string): Codec<T> {
	return {
		parse: (t) => values.find((v) => v === t),
		format: (v) => v,
		rule: `${what} ${quoted(values)}`
	};
}

/** Digits only: no sign, fraction, exponent or spaces, so each number has one spelling. */
export function wholeNumber(min: number, max: number, rule: string): Codec<number> {
	return {
		parse(t) {
			if (!/^\d{1,9}$/.test(t)) return undefined;
			const n = Number(t);
			return n >= min && n <= max ? n : undefined;
		},
		format: (v) => String(v),
		rule
	};
}

export function oneOfNumbers(values: readonly number[], rule: string): Codec<number> {
	return {
		parse: (t) => values.find((v) => String(v) === t),
		format: (v) => String(v),
		rule
	};
}

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * A finite decimal number (what String(number) writes reads back exactly; −0 as 0). Number()
 * alone would also take '', ' 1', '0x10' and 'Infinity'.
 */
export function decimal(accept: (n: number) => boolean, rule: string): Codec<number> {
	return {
		parse(t) {
			if (!DECIMAL.test(t)) return undefined;
			const n = Number(t);
			return Number.isFinite(n) && accept(n) ? n : undefined;
		},
		format: (v) => String(v),
		rule
	};
}

export const isoDate: Codec<string> = {
	parse: (t) => (isIsoDate(t) ? t : undefined),
	format: (v) => v,
	rule: 'not a date written yyyy-mm-dd'
};

/** Written only when on (the default is off); 0 is read too, for links written by hand. */
export const flag = (what: string): Codec<boolean> => ({
	parse: (t) => (t === '1' ? true : t === '0' ? false : undefined),
	format: (v) => (v ? '1' : '0'),
	rule: `${what} is 1 (yes) or 0 (no)`
});
