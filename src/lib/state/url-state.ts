/** What the trend view shows; every field lives in the URL so a view can be shared or bookmarked. */
export interface TrendView {
	measure: string;
	/** null = all conditions */
	condition: string | null;
}

export const DEFAULT_VIEW: TrendView = { measure: 'pain', condition: null };

export function viewFromUrl(params: URLSearchParams): TrendView {
	// An unknown measure is kept: the view falls back to the dataset's first measure and says so.
	return {
		measure: params.get('measure') || DEFAULT_VIEW.measure,
		condition: params.get('condition') || DEFAULT_VIEW.condition
	};
}

/** Defaults are left out, so the plain address is the default view. */
export function viewToSearch(view: TrendView): string {
	const params = new URLSearchParams();
	if (view.measure !== DEFAULT_VIEW.measure) params.set('measure', view.measure);
	if (view.condition !== null) params.set('condition', view.condition);
	const text = params.toString();
	return text ? `?${text}` : '';
}
