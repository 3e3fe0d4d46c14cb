// The identity provider of the browser tests: the OpenID-certified npm
// package `oidc-provider`, set up as ID-porten is (code flow with PKCE,
// `acr` at ID-porten's levels, the synthetic national identity number in
// `pid` in the ID token, RP-initiated and back-channel logout), served over
// HTTPS with a certificate of a CA made for the test run (openssl), which
// ettlag trusts through ETTLAG_TLS_EXTRA_CA_FILE.
//
// Only the sign-in page is ours (oidc-provider leaves it to the host): a
// button "Logg inn som testbruker" signs in whoever `setPid` names, at the
// level `setAcr` names. `tamper` changes the next ID token on its way out
// of the token endpoint, re-signed with the provider's own key (or forged),
// so that ettlag's refusals are tried on tokens a real provider would sign.
// For tests only: it trusts anyone who presses the button.

import https from 'node:https';
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes, createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import Provider from 'oidc-provider';
import { SignJWT, decodeJwt, importJWK } from 'jose';

const run = promisify(execFile);
const LEVELS = ['idporten-loa-substantial', 'idporten-loa-high'];

/** A CA for this run and a server certificate for 127.0.0.1 signed by it. */
async function makeCertificates(dir) {
  const path = (f) => join(dir, f);
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', path('ca.key'), '-out', path('ca.pem'), '-subj', '/CN=ettlag e2e test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', path('idp.key'),
    '-out', path('idp.csr'), '-subj', '/CN=127.0.0.1']);
  await writeFile(path('idp.ext'), [
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
  ].join('\n'));
  await run('openssl', ['x509', '-req', '-in', path('idp.csr'), '-CA', path('ca.pem'),
    '-CAkey', path('ca.key'), '-CAcreateserial', '-days', '2', '-out', path('idp.pem'),
    '-extfile', path('idp.ext')]);
  return { ca: path('ca.pem'), key: await readFile(path('idp.key')), cert: await readFile(path('idp.pem')) };
}

const page = (title, body) => `<!doctype html><html lang="nb"><head><meta charset="utf-8">`
  + `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>`
  + `<body><main><h1>${title}</h1>${body}</main></body></html>`;

/**
 * Starts the provider with one client for ettlag.
 * - `auth`: 'client_secret_post', 'client_secret_basic' or 'private_key_jwt'
 *   (then `clientKeyFile` is a PEM key for ettlag, made here).
 * - `redirectUri`, `postLogoutUri`, `backchannelUri`: ettlag's addresses.
 */
export async function startProvider({
  clientId, clientSecret, pid, acr = 'idporten-loa-high', auth = 'client_secret_post',
  redirectUri, postLogoutUri, backchannelUri, staff = null,
}) {
  const dir = await mkdtemp(join(tmpdir(), 'ettlag-idp-'));
  const certs = await makeCertificates(dir);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'idp-1', alg: 'RS256', use: 'sig' };
  // `staff`: the staff directory of a municipality's provider (Entra ID,
  // Ansattporten): account id → claims (preferred_username, email, groups).
  const state = { pid, acr, tamper: null, account: null, amr: ['BankID'] };

  const client = {
    client_id: clientId,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: auth,
    id_token_signed_response_alg: 'RS256',
  };
  if (backchannelUri) {
    client.backchannel_logout_uri = backchannelUri;
    client.backchannel_logout_session_required = true;
  }
  let clientKeyFile;
  if (auth === 'private_key_jwt') {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    clientKeyFile = join(dir, 'ettlag-client.pem');
    await writeFile(clientKeyFile, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    client.jwks = { keys: [{ ...pair.publicKey.export({ format: 'jwk' }), kid: 'ettlag-1', alg: 'ES256', use: 'sig' }] };
    client.token_endpoint_auth_signing_alg = 'ES256';
  } else {
    client.client_secret = clientSecret;
  }

  const server = https.createServer({ key: certs.key, cert: certs.cert });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `https://127.0.0.1:${server.address().port}`;

  const provider = new Provider(issuer, {
    clients: [client],
    jwks: { keys: [signingJwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    acrValues: LEVELS,
    claims: { amr: null, openid: ['sub', 'pid', 'preferred_username', 'email', 'groups'], profile: ['name', 'given_name', 'family_name'] },
    // ID-porten puts `pid` in the ID token, not only behind userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Logg ut av test-ID-porten',
            `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Logg ut overalt</button>`);
        },
      },
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // Its calls out (the back-channel logout) go to ettlag on the loopback,
    // which its protection against server-side request forgery would refuse.
    fetch: (url, options) => {
      const { dispatcher, ...rest } = options;
      return fetch(url, rest);
    },
    findAccount: (ctx, id) => ({
      accountId: id,
      claims: () => (staff?.[id] ? { sub: id, ...staff[id] } : { sub: id, pid: id.replace(/^person-/, '') }),
    }),
    // No consent screen: the municipality's own service, as in ID-porten.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile');
      grant.addOIDCClaims(['pid', 'preferred_username', 'email', 'groups', 'name', 'given_name', 'family_name']);
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (ctx, err) => console.error('oidc-provider:', err));
  provider.on('backchannel.error', (ctx, err) => console.error('oidc-provider back-channel logout:', err));

  const handle = provider.callback();
  server.on('request', async (req, res) => {
    try {
      const url = new URL(req.url, issuer);
      const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
      if (interaction && req.method === 'GET' && !interaction[2]) {
        const details = await provider.interactionDetails(req, res);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(page('Test-ID-porten',
          `<form method="post" action="/interaction/${details.uid}/login"><button type="submit">Logg inn som testbruker</button></form>`));
      }
      if (interaction && req.method === 'POST' && interaction[2]) {
        for await (const _ of req); // the form has nothing we need
        return await provider.interactionFinished(req, res, {
          login: { accountId: state.account ?? `person-${state.pid}`, acr: state.acr, amr: state.amr },
        }, { mergeWithLastSubmission: false });
      }
      if (url.pathname === '/token' && req.method === 'POST' && state.tamper) {
        return await tampered(req, res);
      }
      return handle(req, res);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });

  // The token endpoint's answer with its ID token changed as `state.tamper` says.
  async function tampered(req, res) {
    const kind = state.tamper;
    state.tamper = null;
    const original = res.end.bind(res);
    const chunks = [];
    res.write = (c) => { chunks.push(Buffer.from(c)); return true; };
    res.end = (c) => {
      if (c) chunks.push(Buffer.from(c));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      rewrite(kind, body.id_token).then((idToken) => {
        const text = JSON.stringify({ ...body, id_token: idToken });
        res.setHeader('content-length', Buffer.byteLength(text));
        original(text);
      });
    };
    return handle(req, res);
  }

  async function rewrite(kind, idToken) {
    const claims = decodeJwt(idToken);
    const key = await importJWK(signingJwk, 'RS256');
    const resign = (changed) => new SignJWT(changed).setProtectedHeader({ alg: 'RS256', kid: 'idp-1' }).sign(key);
    const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    switch (kind) {
      case 'audience': return resign({ ...claims, aud: 'someone-else' });
      case 'expired': return resign({ ...claims, iat: now - 3600, exp: now - 600 });
      case 'issuer': return resign({ ...claims, iss: 'https://evil.example' });
      case 'nonce': return resign({ ...claims, nonce: 'an-earlier-nonce' });
      case 'none': return `${b64({ alg: 'none' })}.${b64(claims)}.`;
      case 'hs256': {
        // HMAC keyed with the provider's public key, as published.
        const { kty, n, e } = signingJwk;
        const secret = JSON.stringify({ kty, n, e, kid: 'idp-1', alg: 'RS256', use: 'sig' });
        const input = `${b64({ alg: 'HS256', kid: 'idp-1' })}.${b64(claims)}`;
        return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      }
      default: return idToken;
    }
  }

  return {
    issuer,
    caFile: certs.ca,
    clientKeyFile,
    setPid: (next) => { state.pid = next; },
    setAcr: (next) => { state.acr = next; },
    /** Who signs in next (an account of `staff`), and how (`amr`). */
    setAccount: (next, amr = ['pwd', 'mfa']) => { state.account = next; state.amr = amr; },
    /** Changes the next ID token: audience, expired, issuer, nonce, none or hs256. */
    tamper: (kind) => { state.tamper = kind; },
    close: async () => {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
