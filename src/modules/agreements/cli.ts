import type { Command } from '../../cli/command.js';

/** CLI commands of the agreements module. */
export const agreementsCommands: Command[] = [];
