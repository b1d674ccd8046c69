// A real OpenID Connect provider on this machine, for trying single sign-on with the demo
// councils (`DEMO_SIGN_IN=true npm start`) and for the browser tests. It signs in anyone who
// types an email address on its own sign-in page (any password): it stands in for a council's
// Microsoft Entra ID or Google Workspace, and must never face the internet.
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";

/** The provider's stable id for a person: not their email address, as real providers do. */
export const subjectOf = (login) =>
  `person-${createHash("sha256").update(login.trim().toLowerCase()).digest("hex").slice(0, 20)}`;

/**
 * Starts the provider. `clients`: [{ id, secret, redirectUris }]. Resolves to its issuer, the
 * provider itself (to add middleware in tests), the signing key, and stop().
 */
export async function startIdentityProvider({ port = 0, clients }) {
  const { default: Provider } = await import("oidc-provider").catch(() => {
    throw new Error(
      "The demo sign-in service needs the development packages: run `npm ci` (not --omit=dev).",
    );
  });
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = {
    ...privateKey.export({ format: "jwk" }),
    kid: "demo",
    alg: "RS256",
    use: "sig",
  };
  const server = http.createServer();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://localhost:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: clients.map((client) => ({
      client_id: client.id,
      client_secret: client.secret,
      redirect_uris: client.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
      subject_type: "pairwise",
    })),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: (_ctx, login) => ({
      accountId: login,
      claims: () => ({ sub: login, email: login, email_verified: true, name: login }),
    }),
    // Each client gets an opaque subject id for a person, as Microsoft Entra ID does.
    subjectTypes: ["public", "pairwise"],
    pairwiseIdentifier: (_ctx, login) => subjectOf(login),
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
    },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    jwks: { keys: [signingKey] },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    provider,
    signingKey,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
