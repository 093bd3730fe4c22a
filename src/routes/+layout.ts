// A static single-page app: everything runs in the browser, where the data is.
export const ssr = false;
export const prerender = false;
