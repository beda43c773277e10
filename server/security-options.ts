/** How sign-ins, lockouts and sessions behave; the process reads them from the environment. */
export interface SecurityOptions {
  /** Failed sign-ins in a row that lock an account (CIVGRID_LOCKOUT_ATTEMPTS). */
  lockoutAttempts: number;
  /** How long a locked account stays locked (CIVGRID_LOCKOUT_MINUTES). */
  lockoutMinutes: number;
  /** A session unused this long ends (CIVGRID_SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in however much it is used (CIVGRID_SESSION_HOURS). */
  sessionHours: number;
  /** Sign-in attempts per address per minute (CIVGRID_RATE_LIMIT_SIGN_INS). */
  signInsPerMinute: number;
  /** Cookies marked Secure though the request came over plain HTTP: the server sits behind a TLS proxy (CIVGRID_BEHIND_TLS_PROXY=on). */
  behindTlsProxy: boolean;
  /** The bearer token a monitoring system reads /metrics with (CIVGRID_METRICS_TOKEN); unset, only administrators read it. */
  metricsToken?: string;
}

export const DEFAULT_SECURITY: SecurityOptions = {
  lockoutAttempts: 5, lockoutMinutes: 15, sessionIdleMinutes: 30, sessionHours: 12, signInsPerMinute: 20, behindTlsProxy: false,
};
