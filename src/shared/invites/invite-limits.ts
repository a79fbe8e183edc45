/** Invite file facts both sides need; zod-free so the renderer can import it. */
export const INVITE_FILE_EXTENSION = '.invite.age';
/** Real invites are ~1 KiB; anything this big is not one, and we do not run scrypt on it. */
export const INVITE_MAX_BYTES = 64 * 1024;
