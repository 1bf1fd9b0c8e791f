import type { Command } from '../../cli/command.js';

/** CLI commands of the auth module. */
export const authCommands: Command[] = [];
