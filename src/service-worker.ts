/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
// Offline use after the first visit: the app's own files are cached when this worker installs and
// answered from the cache; nothing else is (there is nothing else: no CDN, no other origin).
import { base, build, files, prerendered, version } from '$service-worker';
import { unusedEngineFiles } from '$lib/engine/engine-files';

const worker = self as unknown as ServiceWorkerGlobalScope;
/** One cache per build: a new build installs its own and deletes the older ones. */
const PREFIX = 'massage-outcomes-';
const CACHE = `${PREFIX}${version}`;
/** The SPA fallback page (build/index.html): every route opens it, offline too. */
const SHELL = `${base}/`;
/** Built files are content-hashed (a new build names them anew); static files are few. */
const ASSETS = new Set([...build, ...files, ...prerendered]);

worker.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const unused = unusedEngineFiles([...ASSETS]);
			const cache = await caches.open(CACHE);
			// All or nothing: a failed download leaves no half-filled cache in charge.
			await cache.addAll([SHELL, ...[...ASSETS].filter((a) => !unused.has(a))]);
			// The new build takes over at once: its shell comes from the network anyway (below).
			await worker.skipWaiting();
		})()
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys())
				if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
			// The first visit's page is answered from here from now on (its lazy routes, workers).
			await worker.clients.claim();
		})()
	);
});

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
	if (request.mode === 'navigate') event.respondWith(shell(request));
	else if (ASSETS.has(url.pathname)) event.respondWith(asset(request, url.pathname));
});

/**
 * The page, from the network while there is one, so a new build is never hidden behind an old
 * cached page; offline, the cached shell (whose client-side router then opens the route).
 */
async function shell(request: Request): Promise<Response> {
	try {
		return await fetch(request);
	} catch (offline) {
		const cached = await caches.match(SHELL, { cacheName: CACHE });
		if (cached) return cached;
		throw offline;
	}
}

/** Content-hashed files never change under one name: the cache first, the network if absent. */
async function asset(request: Request, path: string): Promise<Response> {
	return (await caches.match(path, { cacheName: CACHE })) ?? fetch(request);
}
