/** The people of a case: power applicants and the admin (ROLEGATE_ADMIN_* of app-env.ts). */
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './app-env.js';
import { type Person, type PersonOptions, person } from './client.js';

export const PASSWORD = 'correct horse battery';

/** A unique address per case run, so reruns against one database never collide. */
export function applicantEmail(tag: string, index: number): string {
  return `${tag}-${index}@applicants.test`;
}

/** A new person signs up asking for `power`; resolves with the user the server returned. */
export async function signUpPower(options: PersonOptions, email: string) {
  const applicant = person(options);
  const { user } = await applicant.trpc.auth.register.mutate({
    email,
    password: PASSWORD,
    name: `Applicant ${email.split('@')[0]}`,
    role: 'power',
    reason: 'I maintain the shared data set.',
  });
  return { applicant, user };
}

/** The admin, signed in. */
export async function signInAdmin(options: PersonOptions): Promise<Person> {
  const admin = person(options);
  await admin.trpc.auth.login.mutate({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  return admin;
}
