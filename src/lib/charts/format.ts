/** Numbers as shown on screen: two decimals, a real minus sign, "—" for none. */
export function formatNumber(value: number | null, digits = 2): string {
	if (value === null || !Number.isFinite(value)) return '—';
	return value.toFixed(digits).replace('-', '−');
}

export function formatCi(lo: number | null, hi: number | null): string {
	return lo === null || hi === null
		? 'not estimable (n < 2)'
		: `${formatNumber(lo)} to ${formatNumber(hi)}`;
}
