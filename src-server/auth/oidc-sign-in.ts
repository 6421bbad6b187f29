import type { JWTPayload } from 'jose';
import type { Kysely } from 'kysely';
import type { AuthSession } from '#shared/wire/auth';
import type { ServerDb } from '../db/schema.ts';
import type { OidcConfig } from '../config/server-config.ts';
import { ApiRefusal } from '../http/api-error.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { claimIdToken, issueSession } from '../repos/sessions.repo.ts';
import { IdTokenError, type IdTokenVerifier } from './id-token.ts';

function refuse(code: string, message: string): never {
  throw new ApiRefusal(401, code, message);
}

/**
 * POST /v1/auth/sessions: validates the ID token, maps it to a live, active person and issues a session.
 * Every refusal is a 401 with its own code (503 when the identity provider cannot be reached); a refused
 * sign-in stores nothing. Each ID token signs in once: it later travels as the id_token_hint of the provider's
 * end-session URL (browser history, IdP logs), where a copy must not be good for another session.
 */
export async function signInWithIdToken(
  db: Kysely<ServerDb>,
  config: OidcConfig,
  verifier: IdTokenVerifier,
  idToken: string,
): Promise<AuthSession> {
  let claims: JWTPayload;
  try {
    claims = await verifier.verify(idToken);
  } catch (err) {
    if (!(err instanceof IdTokenError)) throw err;
    throw new ApiRefusal(err.problem === 'idp_unreachable' ? 503 : 401, err.problem, err.message);
  }
  const person = await findSigningInPerson(db, config, claims);
  if (!person.active) {
    refuse('person_inactive', `${person.name}'s account is deactivated in Kith; ask your administrator`);
  }
  // Remembered until no clock tolerance could accept it any more; claims.exp is required by the verifier.
  const expiresAt = new Date(((claims.exp ?? 0) + config.clockToleranceSeconds) * 1000);
  return inTransaction(db, async (trx) => {
    if (!(await claimIdToken(trx, idToken, expiresAt))) {
      refuse('invalid_id_token', 'This sign-in was already used; sign in again');
    }
    return issueSession(trx, person.id);
  });
}

async function findSigningInPerson(db: Kysely<ServerDb>, config: OidcConfig, claims: JWTPayload) {
  const people = db.selectFrom('people').select(['id', 'name', 'active']).where('deleted', '=', 0);
  if (config.personClaim !== 'email') {
    const value = claims[config.personClaim];
    if (typeof value !== 'string' || value.length === 0) {
      refuse('invalid_id_token', `The sign-in token has no '${config.personClaim}' claim to identify you by`);
    }
    const person = await people.where('external_id', '=', value).executeTakeFirst();
    return (
      person ?? refuse('unknown_person', `No one in Kith's directory has the ${config.personClaim} ${value}`)
    );
  }
  const email = claims['email'];
  if (typeof email !== 'string' || !email.includes('@')) {
    refuse('invalid_id_token', 'The sign-in token carries no email address; ask your administrator');
  }
  if (claims['email_verified'] !== true) {
    refuse(
      'email_not_verified',
      `The identity provider has not verified ${email}; verify it there and try again`,
    );
  }
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const allowed = config.allowedEmailDomains.map((d) => d.toLowerCase());
  if (allowed.length > 0 && !allowed.includes(domain)) {
    refuse('email_domain_not_allowed', `Addresses at ${domain} may not sign in to this Kith server`);
  }
  const person = await people
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return person ?? refuse('unknown_person', `No one in Kith's directory has the email ${email}`);
}
