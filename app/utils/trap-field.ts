/**
 * The name of the box a person never sees and a simple bot fills in: drawn by the form component,
 * checked by the server on every post.
 */
export const TRAP_FIELD = "leave-empty";
