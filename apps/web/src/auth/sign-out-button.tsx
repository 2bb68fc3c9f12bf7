import { useLocation } from 'wouter';
import { useSignedIn } from '../session/use-session';
import { trpc } from '../trpc';
import { MutationButton } from '../ui/mutation-button';

export function SignOutButton() {
  const [, navigate] = useLocation();
  const signedIn = useSignedIn();
  const logout = trpc.auth.logout.useMutation({
    // Even if the call fails (say, offline), this browser forgets the person; the cookie is httpOnly,
    // so the server's answer is what clears it.
    onSettled: () => {
      signedIn(null);
      navigate('~/sign-in');
    },
  });
  return (
    <MutationButton mutation={logout} variant="secondary" busyLabel="Signing out…">
      Sign out
    </MutationButton>
  );
}
