// Shapes of the liveness and readiness answers, written once.
import { StringEnum, Type } from '../../http/schema.ts';

export const Alive = Type.Object({ status: StringEnum(['ok']) });

export const Ready = Type.Object({ status: StringEnum(['ready']), database: StringEnum(['sqlite', 'postgres']) });

export const NotReady = Type.Object({ status: StringEnum(['not_ready']), reason: Type.String() }, { description: 'Not ready: the database is unreachable or not migrated.' });
