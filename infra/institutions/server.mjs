// A stand-in for SURFconext, the identity proxy in front of Dutch institutions: a real, certified OpenID Provider
// (the oidc-provider package) with the people of two institutions, for the local run and the tests. Each hub that
// trusts it is a registered client. It is not a production provider: keys are made at start and forgotten at exit,
// and everything is kept in memory.
//
// Settings (environment):
//   INSTITUTIONS_PORT       port on 127.0.0.1 (default 5030)
//   INSTITUTIONS_ISSUER     the issuer URL (default http://127.0.0.1:<port>)
//   INSTITUTIONS_CLIENTS    JSON: [{ "client_id": "...", "client_secret": "..." }], one per hub
//   INSTITUTIONS_PASSWORD   the password of every demo person (a secret of the local run, never in this file)
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider, { errors } from 'oidc-provider';

const port = Number(process.env.INSTITUTIONS_PORT ?? 5030);
const issuer = process.env.INSTITUTIONS_ISSUER ?? `http://127.0.0.1:${port}`;
const password = process.env.INSTITUTIONS_PASSWORD;
if (!password) {
  console.error('INSTITUTIONS_PASSWORD is not set: the demo people need a password.');
  process.exit(2);
}

const { institutions, people } = JSON.parse(readFileSync(new URL('./people.json', import.meta.url), 'utf8'));
const byLogin = new Map(people.map((person) => [person.login.toLowerCase(), person]));
const bySub = new Map(people.map((person) => [person.sub, person]));

// Hubs run on loopback with ports of their own (and the tests' in-process hubs on http://localhost): registered as
// native clients, whose loopback redirect URIs match on any port (RFC 8252, section 7.3). The callback path is the
// same at every hub: the hubs call this provider "surfconext".
const clients = JSON.parse(process.env.INSTITUTIONS_CLIENTS ?? '[]').map((client) => ({
  client_id: client.client_id,
  client_secret: client.client_secret,
  application_type: 'native',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
  redirect_uris: ['http://127.0.0.1/signin-surfconext', 'http://localhost/signin-surfconext'],
}));

// Signing keys of this run only: a restart means the hubs read the keys anew from the discovery document.
const signingKey = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig' };
const rsaKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients,
  // RS256 first: the algorithm every OpenID Connect client must accept, and the default for an ID token.
  jwks: { keys: [rsaKey, signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
    // What SURFconext releases about a person's institution (SCHAC and eduPerson attributes).
    institution: ['schac_home_organization', 'eduperson_affiliation'],
  },
  scopes: ['openid', 'email', 'profile', 'institution'],
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  async findAccount(ctx, sub) {
    const person = bySub.get(sub);
    if (!person) {
      return undefined;
    }
    return {
      accountId: sub,
      async claims() {
        const { login, ...claims } = person;
        return claims;
      },
    };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Something went wrong', `<p>${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`);
  },
});
// Behind no proxy: the issuer's own scheme and host are what requests carry.
provider.proxy = false;

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function page(title, body) {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escape(title)} — SURFconext (stand-in)</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .2rem}
input{width:100%;padding:.4rem;font-size:1rem}button{margin-top:1rem;padding:.5rem 1.2rem;font-size:1rem}.error{color:#a00}</style></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;
}

function loginPage(uid, clientId, login, error) {
  const list = institutions.map((institution) => `<li>${escape(institution.name)} (${escape(institution.domain)})</li>`).join('');
  return page('Inloggen bij je instelling', `
<p>Log in with the account of your institution to continue to <strong>${escape(clientId)}</strong>.</p>
<p>Institutions on this stand-in:</p><ul>${list}</ul>
${error ? `<p role="alert" class="error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">E-mail address at your institution</label><input id="login" name="login" type="email" autocomplete="username" value="${escape(login ?? '')}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button></form>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) {
      throw new Error('form too large');
    }
  }
  return new URLSearchParams(body);
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

// The hubs are the institutions' own services here: no consent screen, as SURFconext shows none for services an
// institution has connected. What the hub asks for is granted, and the grant kept for the next sign-in.
async function grantAsked(req, res, details) {
  const { missingOIDCScope = [], missingOIDCClaims = [] } = details.prompt.details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  if (missingOIDCScope.length > 0) {
    grant.addOIDCScope(missingOIDCScope.join(' '));
  }
  if (missingOIDCClaims.length > 0) {
    grant.addOIDCClaims(missingOIDCClaims);
  }
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

// The login step of an authorization request: the provider hands over at /interaction/<uid>, and takes the result back.
async function interaction(req, res) {
  const url = new URL(req.url, issuer);
  const [, , uid, step] = url.pathname.split('/');
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) {
      return send(res, 400, page('Expired', '<p>This sign-in took too long or was started elsewhere. Start again at the hub.</p>'));
    }
    if (req.method === 'GET' && step === undefined && details.prompt.name === 'consent') {
      return await grantAsked(req, res, details);
    }
    if (req.method === 'GET' && step === undefined) {
      return send(res, 200, loginPage(uid, details.params.client_id));
    }
    if (req.method === 'POST' && step === 'login') {
      const form = await readForm(req);
      const person = byLogin.get((form.get('login') ?? '').trim().toLowerCase());
      if (!person || form.get('password') !== password) {
        return send(res, 401, loginPage(uid, details.params.client_id, form.get('login'), 'Unknown e-mail address or wrong password.'));
      }
      return await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
    }
    return send(res, 404, page('Not found', '<p>There is nothing here.</p>'));
  } catch (error) {
    if (error instanceof errors.SessionNotFound) {
      return send(res, 400, page('Expired', '<p>This sign-in took too long or was started elsewhere. Start again at the hub.</p>'));
    }
    console.error(error);
    return send(res, 500, page('Something went wrong', '<p>The stand-in provider failed; see its log.</p>'));
  }
}

const handle = provider.callback();
createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res);
  } else if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  } else {
    handle(req, res);
  }
}).listen(port, '127.0.0.1', () => {
  console.log(`Institutions (SURFconext stand-in) at ${issuer}, discovery at ${issuer}/.well-known/openid-configuration, ${clients.length} hub(s) registered`);
});
