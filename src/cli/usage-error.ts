/** Wrong arguments or unreadable input: exit code 2. */
export class UsageError extends Error {}
