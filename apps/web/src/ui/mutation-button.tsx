import { BusyButton, type BusyButtonProps } from './busy-button';

/** The part of a tRPC (React Query) mutation a button needs. */
interface Mutation<Input> {
  isPending: boolean;
  mutate: (input: Input) => void;
}

type MutationButtonProps<Input> = Omit<BusyButtonProps, 'busy' | 'onClick' | 'type'> & {
  mutation: Mutation<Input>;
} & (undefined extends Input ? { input?: Input } : { input: Input });

/**
 * A button that sends one mutation with `input` and shows it busy until the answer comes; a click
 * while busy sends nothing.
 */
export function MutationButton<Input>({ mutation, input, ...button }: MutationButtonProps<Input>) {
  return (
    <BusyButton
      {...button}
      type="button"
      busy={mutation.isPending}
      onClick={() => mutation.mutate(input as Input)}
    />
  );
}
