/** A promise and the function that settles it: one part of a test waits until another says go. */
export interface Signal {
  done: Promise<void>;
  give(): void;
}

export function signal(): Signal {
  let give = () => {};
  const done = new Promise<void>((resolve) => {
    give = resolve;
  });
  return { done, give };
}
