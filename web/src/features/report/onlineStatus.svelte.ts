import { onMount } from 'svelte';

/** Whether the browser believes it has a network (`navigator.onLine`), following `online`/`offline` (call during setup). */
export function useOnline(): { readonly current: boolean } {
  let current = $state(globalThis.navigator?.onLine ?? true);
  onMount(() => {
    const update = () => (current = navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  });
  return {
    get current() {
      return current;
    },
  };
}
