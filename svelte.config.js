import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The whole product is static files: a clinic opens them from any web server and no data leaves
 * the device. The strict CSP below is what enforces that in the browser.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ fallback: 'index.html', strict: true }),
		// src/service-worker.ts is registered by the app once its dataset is shown
		// (src/lib/offline/register.ts), not on the page's load event.
		serviceWorker: { register: false },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// DuckDB compiles its WebAssembly module at run time.
				'script-src': ['self', 'wasm-unsafe-eval'],
				// DuckDB's worker starts from a blob: URL so that it inherits this policy (wasm-engine.ts).
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
