// Modules made by the build (vite.config.ts plugins).

/** The URL of the bundled sample as a ready dataset file (scripts/sample-dataset/). */
declare module 'virtual:sample-dataset' {
	const url: string;
	export default url;
}
