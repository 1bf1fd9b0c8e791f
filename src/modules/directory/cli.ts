import type { Command } from '../../cli/command.js';

/** CLI commands of the directory module. */
export const directoryCommands: Command[] = [];
