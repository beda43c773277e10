import { Type } from 'typebox';
import { ROLES } from '../domain/roles.ts';
import { MAXIMUM_PASSWORD_LENGTH } from '../domain/password-policy.ts';
import { Instant, NullableInstant, literals } from './common.ts';
import { District } from './districts.ts';

/** Accounts, sessions, screen devices and the audit log (等保 2.0). */

export const Role = literals(ROLES);
const Username = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.@-]+$', description: '工号 or mobile number' });
const Password = Type.String({ minLength: 1, maxLength: MAXIMUM_PASSWORD_LENGTH });
const GridCode = Type.String({ minLength: 1, maxLength: 20 });

export const SignInBody = Type.Object({
  username: Username,
  password: Password,
  district: Type.Optional(Type.String({ maxLength: 31, description: 'the district whose account it is; needed only when the server serves several that both have the username' })),
}, { additionalProperties: false });

export const Account = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Role),
  departmentId: Type.Union([Type.Integer(), Type.Null()]),
  gridCodes: Type.Array(Type.String()),
  mustChangePassword: Type.Boolean(),
  lockedUntil: NullableInstant,
  disabledAt: NullableInstant,
  createdAt: Instant,
  updatedAt: Instant,
});

/** The signed-in account as its session tells it; `mustChangePassword` true leaves only the password change open. */
export const SignedInAccount = Type.Pick(Account, ['username', 'displayName', 'roles', 'departmentId', 'gridCodes', 'mustChangePassword']);

export const SessionAnswer = Type.Object({
  account: SignedInAccount,
  district: District,
  csrfToken: Type.String({ description: 'send as the x-csrf-token header with every write' }),
  session: Type.Object({
    signedInAt: Instant,
    idleMinutes: Type.Integer({ description: 'the session ends after this long without a request' }),
    endsAt: Instant,
  }),
});

export const PasswordChangeBody = Type.Object({
  currentPassword: Password,
  newPassword: Password,
}, { additionalProperties: false });


export const AccountList = Type.Object({ accounts: Type.Array(Account) });

export const NewAccountBody = Type.Object({
  username: Username,
  displayName: Type.String({ minLength: 1, maxLength: 40 }),
  roles: Type.Array(Role, { minItems: 1, maxItems: ROLES.length, uniqueItems: true }),
  departmentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  gridCodes: Type.Optional(Type.Array(GridCode, { maxItems: 200, uniqueItems: true })),
  password: Type.String({ minLength: 1, maxLength: MAXIMUM_PASSWORD_LENGTH, description: 'a first password, which the account must change at its first sign-in' }),
}, { additionalProperties: false });

export const AccountChangeBody = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  roles: Type.Optional(Type.Array(Role, { minItems: 1, maxItems: ROLES.length, uniqueItems: true })),
  departmentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  gridCodes: Type.Optional(Type.Array(GridCode, { maxItems: 200, uniqueItems: true })),
  disabled: Type.Optional(Type.Boolean({ description: 'true disables the account and ends its sessions; false enables it again' })),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: MAXIMUM_PASSWORD_LENGTH, description: 'a reset: the account must change it at its next sign-in' })),
  unlock: Type.Optional(Type.Literal(true, { description: 'lifts a lock after failed sign-ins' })),
}, { additionalProperties: false, minProperties: 1 });

export const UsernameParams = Type.Object({ username: Username });

export const AccountSession = Type.Object({
  id: Type.Integer(),
  signedInAt: Instant,
  lastSeenAt: Instant,
  endedAt: NullableInstant,
  endReason: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
});

export const AccountSessions = Type.Object({ sessions: Type.Array(AccountSession) });

export const ScreenDevice = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Instant,
  createdBy: Type.String(),
  revokedAt: NullableInstant,
  lastSeenAt: NullableInstant,
});

export const ScreenDeviceList = Type.Object({ devices: Type.Array(ScreenDevice) });
export const NewScreenDeviceBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false });
export const NewScreenDevice = Type.Object({
  device: ScreenDevice,
  token: Type.String({ description: 'shown this once; the server keeps only its hash' }),
  link: Type.String({ description: 'the wall\'s address with the token, to open on the big screen' }),
});
export const ScreenDeviceParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const AuditQuery = Type.Object({
  username: Type.Optional(Type.String({ maxLength: 40 })),
  action: Type.Optional(Type.String({ maxLength: 60 })),
  outcome: Type.Optional(literals(['ok', 'refused'])),
  from: Type.Optional(Type.String({ format: 'date', description: 'first China day, inclusive' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'last China day, inclusive' })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  cursor: Type.Optional(Type.String({ maxLength: 20 })),
}, { additionalProperties: false });

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  occurredAt: Instant,
  username: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  action: Type.String({ description: 'sign_in, sign_out, lockout, password_change, account.create, account.change, device.create, device.revoke, settings.change, issue.<action>, issue.bulk.<action>, audit.export, …' }),
  target: Type.Union([Type.String(), Type.Null()]),
  outcome: literals(['ok', 'refused']),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

export const AuditPage = Type.Object({ entries: Type.Array(AuditEntry), nextCursor: Type.Union([Type.String(), Type.Null()]) });
