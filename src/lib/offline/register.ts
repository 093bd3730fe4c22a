import { dev } from '$app/environment';
import { resolve } from '$app/paths';

/**
 * Registers the service worker (src/service-worker.ts), which makes the app work offline after
 * this visit. Called once the dataset is shown, not on the page's load event (SvelteKit's own
 * registration is off in svelte.config.js): installing copies ~40 MB of the app's files into the
 * cache, which on a first visit would compete with starting the engine and opening the sample.
 */
export function registerServiceWorker(): void {
	if (!('serviceWorker' in navigator)) return;
	navigator.serviceWorker
		// In development SvelteKit serves the worker as a module.
		.register(`${resolve('/')}service-worker.js`, { type: dev ? 'module' : 'classic' })
		.catch((e: unknown) => {
			// The app works as before; only the offline copy is missing (e.g. a private window).
			console.warn('Offline use is not available in this browser:', e);
		});
}
