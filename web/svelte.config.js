// Svelte 5 compiles TypeScript in components itself; nothing to configure yet. The file's presence
// tells vite-plugin-svelte and svelte-check that the defaults are meant.
export default {};
