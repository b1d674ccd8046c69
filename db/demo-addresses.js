// Where the demo councils are on this machine, and their clients at the demo sign-in service.
// Plain JavaScript: `npm start` reads it before anything is built.

/**
 * The demo councils' own addresses on this machine: Westmoor at localhost (or PUBLIC_URL when
 * given), Aberhaven at aberhaven.localhost, both on the port the portal listens on.
 * @param {string} slug
 * @param {{ port: number; publicUrl?: string }} options
 */
export function demoPublicUrl(slug, options) {
  if (slug === "westmoor" && options.publicUrl) return options.publicUrl.replace(/\/+$/, "");
  const host = slug === "westmoor" ? "localhost" : `${slug}.localhost`;
  return `http://${host}:${options.port}`;
}

/**
 * A demo council's client at the demo sign-in service (`DEMO_SIGN_IN=true npm start`): the same
 * id and secret on both sides, as an IT team would register them.
 * @param {string} slug
 * @param {{ port: number; publicUrl?: string }} options
 */
export function demoSignInClient(slug, options) {
  return {
    id: `${slug}-portal`,
    secret: `${slug}-demo-sign-in-secret`,
    redirectUris: [`${demoPublicUrl(slug, options)}/staff/sso/callback`],
  };
}
