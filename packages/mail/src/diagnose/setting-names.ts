import type { Security } from '../transport.js';

/**
 * How to name a transport's settings in a fix. The main transport comes from Django's EMAIL_*
 * variables (or EMAIL_URL); a failover comes from one entry of EMAIL_FAILOVER_URLS, so its fix
 * has to talk about that URL instead.
 */
export interface SettingNames {
  transport: string;
  host: string;
  port: string;
  user: string;
  password: string;
  /** What the settings say now, e.g. "EMAIL_USE_SSL is true". */
  securityNow(security: Security): string;
  /** The change that selects a mode, e.g. "set EMAIL_USE_TLS=true and EMAIL_USE_SSL=false". */
  setSecurity(security: Security): string;
}

const urlScheme: Record<Security, string> = {
  none: 'smtp://',
  starttls: 'smtp+tls://',
  ssl: 'smtps://',
};

export const mainSettingNames: SettingNames = {
  transport: 'main transport',
  host: 'EMAIL_HOST',
  port: 'EMAIL_PORT',
  user: 'EMAIL_HOST_USER',
  password: 'EMAIL_HOST_PASSWORD',
  securityNow(security) {
    if (security === 'ssl') return 'EMAIL_USE_SSL is true';
    if (security === 'starttls') return 'EMAIL_USE_TLS is true';
    return 'neither EMAIL_USE_TLS nor EMAIL_USE_SSL is true';
  },
  setSecurity(security) {
    const tls = security === 'starttls';
    const ssl = security === 'ssl';
    return `set EMAIL_USE_TLS=${tls} and EMAIL_USE_SSL=${ssl} (with EMAIL_URL: ${urlScheme[security]})`;
  },
};

export function failoverSettingNames(position: number): SettingNames {
  const entry = `entry ${position} of EMAIL_FAILOVER_URLS`;
  return {
    transport: `failover ${position}`,
    host: `the host in ${entry}`,
    port: `the port in ${entry}`,
    user: `the user in ${entry}`,
    password: `the password in ${entry}`,
    securityNow: (security) => `${entry} starts with ${urlScheme[security]}`,
    setSecurity: (security) => `start ${entry} with ${urlScheme[security]}`,
  };
}

/** A mailer of MAILERS: its fixes name the JSON options of that entry. */
export function mailerSettingNames(mailer: string): SettingNames {
  const options = `MAILERS.${mailer}.OPTIONS`;
  const flags = (security: Security) =>
    `"use_tls": ${security === 'starttls'}, "use_ssl": ${security === 'ssl'}`;
  return {
    transport: `mailer "${mailer}"`,
    host: `${options}.host`,
    port: `${options}.port`,
    user: `${options}.username`,
    password: `${options}.password`,
    securityNow(security) {
      if (security === 'ssl') return `${options}.use_ssl is true`;
      if (security === 'starttls') return `${options}.use_tls is true`;
      return `neither use_tls nor use_ssl is true in ${options}`;
    },
    setSecurity: (security) => `set ${flags(security)} in ${options}`,
  };
}
