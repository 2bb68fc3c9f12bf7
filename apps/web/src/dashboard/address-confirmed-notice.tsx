import { useLocation } from 'wouter';
import { useHistoryState } from 'wouter/use-browser-location';

/** What the verify page leaves in the history entry it replaces with the dashboard. */
export interface AddressConfirmedState {
  confirmedEmail: string;
}

function isAddressConfirmed(state: unknown): state is AddressConfirmedState {
  return (
    typeof state === 'object' &&
    state !== null &&
    typeof (state as Partial<AddressConfirmedState>).confirmedEmail === 'string'
  );
}

/**
 * The verify page goes straight on to the dashboard; without this the person would never see
 * that the click worked. It rides on the history entry, so it needs no storage and is gone once
 * dismissed (the entry is replaced) or left.
 */
export function AddressConfirmedNotice() {
  const state = useHistoryState<unknown>();
  const [location, navigate] = useLocation();
  if (!isAddressConfirmed(state)) return null;
  return (
    <div className="banner banner-success" role="status">
      <p>
        Your address <strong className="address">{state.confirmedEmail}</strong> is confirmed.
      </p>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => navigate(location, { replace: true, state: null })}
      >
        Dismiss
      </button>
    </div>
  );
}
