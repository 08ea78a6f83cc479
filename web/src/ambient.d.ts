// Svelte's rune globals and `*.svelte` modules, and Vite's `?url` imports, for `tsc`.
/// <reference types="svelte" />
/// <reference types="vite/client" />
