// A small OpenID Connect identity provider for the browser tests, in plain
// Node (no packages): discovery, JWKS, an authorization endpoint with a
// "sign in as the test user" page, and a token endpoint that checks the
// PKCE verifier (S256) and the client secret and returns an ID token signed
// with RS256 that carries `nonce`, `acr` and `pid` (the synthetic national
// identity number), as ID-porten does. Its end_session_endpoint (RP-Initiated
// Logout 1.0) checks the id_token_hint (our signature, our client as
// audience) and that post_logout_redirect_uri is registered with
// `allowPostLogout`, then sends the browser back there with the state.
// `setPid` changes who signs in next (a test with two parents). For tests
// only: it trusts anyone who presses the button.

import http from 'node:http';
import { createHash, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

export async function startProvider({ clientId, clientSecret, pid, acr = 'idporten-loa-high', port = 0 }) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-1', alg: 'RS256', use: 'sig' };
  const codes = new Map();
  const postLogoutUris = new Set();
  let issuer = '';
  let current = pid;
  // The claims of an ID token this provider signed for this client, or null.
  const ourToken = (jwt) => {
    const [h, p, sig, extra] = String(jwt || '').split('.');
    if (!h || !p || !sig || extra !== undefined) return null;
    if (!verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig, 'base64url'))) return null;
    try {
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
      return claims.iss === issuer && claims.aud === clientId ? claims : null;
    } catch {
      return null;
    }
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, issuer);
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/endsession`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        acr_values_supported: [acr],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      if (p.get('client_id') !== clientId || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
        return json(400, { error: 'invalid_request' });
      }
      const fields = ['redirect_uri', 'state', 'nonce', 'code_challenge']
        .map((k) => `<input type="hidden" name="${k}" value="${String(p.get(k) || '').replace(/"/g, '&quot;')}">`)
        .join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Test-ID-porten</title></head><body><main><h1>Test-ID-porten</h1><form method="get" action="/authorize/done">${fields}<button type="submit">Logg inn som testbruker</button></form></main></body></html>`);
    }
    if (url.pathname === '/authorize/done') {
      const p = url.searchParams;
      const code = b64url(randomBytes(24));
      codes.set(code, { nonce: p.get('nonce'), challenge: p.get('code_challenge'), redirect: p.get('redirect_uri') });
      const back = new URL(p.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state'));
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/endsession') {
      const p = url.searchParams;
      const back = p.get('post_logout_redirect_uri') || '';
      if (!ourToken(p.get('id_token_hint')) || !postLogoutUris.has(back) || !p.get('state')) {
        return json(400, { error: 'invalid_request' });
      }
      const to = new URL(back);
      to.searchParams.set('state', p.get('state'));
      res.writeHead(302, { location: to.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const grant = codes.get(form.get('code'));
      codes.delete(form.get('code'));
      const verifier = form.get('code_verifier') || '';
      if (
        !grant ||
        form.get('client_id') !== clientId ||
        form.get('client_secret') !== clientSecret ||
        form.get('redirect_uri') !== grant.redirect ||
        b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge
      ) {
        return json(400, { error: 'invalid_grant' });
      }
      const now = Math.floor(Date.now() / 1000);
      const header = b64url(JSON.stringify({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' }));
      const claims = b64url(JSON.stringify({
        iss: issuer, aud: clientId, sub: `test-${current}`, iat: now, exp: now + 120,
        nonce: grant.nonce, acr, amr: ['TestID'], pid: current,
      }));
      const signature = b64url(sign('sha256', Buffer.from(`${header}.${claims}`), privateKey));
      return json(200, { access_token: b64url(randomBytes(16)), token_type: 'Bearer', expires_in: 120, id_token: `${header}.${claims}.${signature}` });
    }
    return json(404, { error: 'not_found' });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${server.address().port}`;
  return {
    issuer,
    allowPostLogout: (uri) => postLogoutUris.add(uri),
    setPid: (next) => {
      current = next;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}
