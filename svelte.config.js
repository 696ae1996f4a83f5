// Svelte compiles <script lang="ts"> natively; nothing to configure beyond the defaults.
export default {};
