import type { Command } from '../../cli/command.js';

/** CLI commands of the admin module. */
export const adminCommands: Command[] = [];
