import { EntityManager } from 'typeorm';
import { Config } from '../config';
import { Staff } from '../entities';
import { staffMayLogIn } from '../auth/authenticate';
import { hashPassword, verifyPassword } from '../auth/password';
import { issueToken } from '../auth/token';
import { Role } from '../domain/enums';
import { badInput, conflict, DomainError, ErrorCode } from '../domain/errors';
import { requireText } from '../domain/text-limits';
import { CreateStaffCommand } from './commands';
import { requireDepartmentByCode } from './reference-lookup';
import { ServiceContext } from './service-context';

const USERNAME = /^[a-z0-9_.-]{3,64}$/;
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 200;

// Verifying against a fixed hash when the username is unknown makes "no such user" cost what "wrong
// password" costs, so response times do not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword('no-such-user-password'));

const refused = () => new DomainError(ErrorCode.UNAUTHENTICATED, 'invalid username or password');

export async function login(
  em: EntityManager,
  config: Pick<Config, 'tokenSecret' | 'tokenTtl' | 'nodeEnv'>,
  username: string,
  password: string,
  now: Date = new Date(),
): Promise<{ token: string; staff: Staff }> {
  const name = typeof username === 'string' ? username.trim().toLowerCase() : '';
  const staff = USERNAME.test(name) ? await em.getRepository(Staff).findOneBy({ username: name }) : null;
  // No stored password is longer than PASSWORD_MAX; a longer one is wrong, but still costs one verification.
  const plausible = typeof password === 'string' && password.length <= PASSWORD_MAX;
  const ok = await verifyPassword(staff?.passwordHash ?? (await dummy()), plausible ? password : '');
  if (!staff || !ok || !plausible || !staffMayLogIn(staff, config)) throw refused();
  return { token: await issueToken(config, staff.id, now), staff };
}

export async function createStaff(ctx: ServiceContext, cmd: CreateStaffCommand): Promise<Staff> {
  const username = (cmd.username ?? '').trim().toLowerCase();
  if (!USERNAME.test(username)) throw badInput('username must be 3–64 characters of a-z, 0-9, _ . -', { field: 'username' });
  const displayName = requireText('displayName', cmd.displayName, 100);
  if (!cmd.password || cmd.password.length < PASSWORD_MIN || cmd.password.length > PASSWORD_MAX) {
    throw badInput(`password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters`, { field: 'password' });
  }
  const roles = [...new Set(cmd.roles ?? [])];
  if (roles.length === 0 || roles.some((r) => !Object.values(Role).includes(r))) throw badInput('give at least one valid role', { field: 'roles' });
  if (roles.includes(Role.LIAISON) && !cmd.departmentCode) throw badInput('a liaison needs a departmentCode', { field: 'departmentCode' });
  const department = cmd.departmentCode ? await requireDepartmentByCode(ctx, cmd.departmentCode) : null;
  const repo = ctx.em.getRepository(Staff);
  // The unique index decides races; this check gives the usual case a clear answer.
  if (await repo.existsBy({ username })) throw conflict(`username ${username} is taken`);
  const passwordHash = await hashPassword(cmd.password);
  const inserted = await ctx.em.query(
    `INSERT INTO staff (username, display_name, password_hash, roles, department_id, active, demo)
     VALUES ($1, $2, $3, $4::role[], $5, true, false) ON CONFLICT (username) DO NOTHING RETURNING id`,
    [username, displayName, passwordHash, roles, department?.id ?? null],
  );
  if (inserted.length === 0) throw conflict(`username ${username} is taken`);
  return repo.findOneByOrFail({ id: String(inserted[0].id) });
}

export async function findStaff(ctx: ServiceContext, id: string): Promise<Staff | null> {
  return /^[1-9][0-9]{0,17}$/.test(id) ? ctx.em.getRepository(Staff).findOneBy({ id }) : null;
}
