// The dashboard's useMutation: TanStack Query's, with one request per intent. isPending is React
// state, so a double-click (or Enter pressed twice) lands both events before the button re-renders
// as busy, and both saw it idle: a campaign, template or webhook endpoint was created twice, a
// statement uploaded twice. A ref is set synchronously on the first call and cleared only when the
// mutation has settled (after its onSuccess or onError, which close dialogs and navigate away), so
// any call in between is ignored. Every screen uses this one; test/unit/dashboard-mutations.test.ts
// keeps @tanstack/react-query's own useMutation out of web/src.
import { type DefaultError, type UseMutationOptions, type UseMutationResult, useMutation as useQueryMutation } from '@tanstack/react-query';
import { useRef } from 'react';

const ONE = Symbol('one at a time');

/**
 * useMutation that ignores `mutate` while an earlier call with the same `inFlightKey` is still
 * running. Without `inFlightKey` the whole mutation runs one at a time; a list whose rows act
 * separately (send this delivery again) passes one naming the row.
 */
export function useMutation<TData = unknown, TError = DefaultError, TVariables = void, TOnMutateResult = unknown>(
  options: UseMutationOptions<TData, TError, TVariables, TOnMutateResult> & { inFlightKey?: (variables: TVariables) => unknown },
): Omit<UseMutationResult<TData, TError, TVariables, TOnMutateResult>, 'mutateAsync'> {
  const { inFlightKey, ...rest } = options;
  const running = useRef(new Set<unknown>());
  const keyOf = (variables: TVariables) => (inFlightKey ? inFlightKey(variables) : ONE);
  const mutation = useQueryMutation<TData, TError, TVariables, TOnMutateResult>({
    ...rest,
    // The option, not mutate's own callback: it runs even when the caller unmounted or called again.
    onSettled: (data, error, variables, onMutateResult, context) => {
      running.current.delete(keyOf(variables));
      return rest.onSettled?.(data, error, variables, onMutateResult, context);
    },
  });
  const mutate: typeof mutation.mutate = (...args) => {
    const key = keyOf(args[0] as TVariables);
    if (running.current.has(key)) return;
    running.current.add(key);
    mutation.mutate(...args);
  };
  // mutateAsync is left out: it would be a second, unguarded way in.
  const { mutateAsync: _unguarded, ...result } = mutation;
  return { ...result, mutate };
}
