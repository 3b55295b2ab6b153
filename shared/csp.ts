/** The Content-Security-Policy of the renderer, sent by browser mode and by the Electron session. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' callaudio:; connect-src 'self' callaudio:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
