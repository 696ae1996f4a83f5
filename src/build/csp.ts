// Content-Security-Policy of the built app, written into index.html as a <meta> tag at build time
// (not in `vite dev`, whose hot reload needs inline scripts). A meta CSP cannot be relaxed at run time,
// so the online basemap host is allowed only in a build made with JJJ_ONLINE_BASEMAP=1.
import type { Plugin } from 'vite';

/** The optional online basemap (OpenFreeMap); requested only after the user switches to it. */
export const ONLINE_BASEMAP_ORIGIN = 'https://tiles.openfreemap.org';

/**
 * The policy text. Everything comes from the page's own origin; `blob:` workers are MapLibre's;
 * `data:`/`blob:` images and fetches are the hatch pattern, exports and file reads; inline styles are
 * set by Svelte `style:` directives and MapLibre controls. No 'unsafe-eval', no inline scripts.
 * @example contentSecurityPolicy({ online: false }).includes("connect-src 'self' data: blob:") // true
 */
export function contentSecurityPolicy(opts: { online: boolean }): string {
  const online = opts.online ? ` ${ONLINE_BASEMAP_ORIGIN}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${online}`,
    "font-src 'self' data:",
    `connect-src 'self' data: blob:${online}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

export function cspPlugin(
  opts: { online: boolean } = { online: process.env.JJJ_ONLINE_BASEMAP === '1' },
): Plugin {
  return {
    name: 'jjj-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(opts) },
        injectTo: 'head-prepend',
      },
    ],
  };
}
