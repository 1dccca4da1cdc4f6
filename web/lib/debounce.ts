// A search field asks the API once typing pauses, not at every key.

/** `fn` called once `ms` have passed without a new call, with the last call's arguments;
 *  `cancel()` drops a call still waiting (an element leaving the page). */
export const debounce = <A extends unknown[]>(fn: (...args: A) => void, ms = 250) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = (...args: A): void => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  return Object.assign(call, { cancel: () => clearTimeout(timer) });
};
