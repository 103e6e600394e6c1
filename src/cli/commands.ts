// Every CLI command. A module that adds one appends it here.
import { accountCreateCommand, accountPasswordCommand } from './account.ts';
import { backupCommand } from './backup.ts';
import type { Command } from './command.ts';
import { keysCheckCommand } from './keys.ts';
import { migrateCommand } from './migrate.ts';
import { qrCommand } from './qr.ts';
import { serveCommand } from './serve.ts';
import { workerCommand } from './worker.ts';

/** The commands `tessera` dispatches to. */
export const commands: Command[] = [serveCommand, migrateCommand, accountCreateCommand, accountPasswordCommand, keysCheckCommand, qrCommand, workerCommand, backupCommand];
