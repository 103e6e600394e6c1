// Which client the door's components call with: the session's by default, a check-in key's under
// a door link's page. The components stay the same on both pages; only this context differs.
import { createContext, useContext } from 'react';
import { type DoorApi, sessionDoorApi } from '../api/checkins.ts';

const DoorApiContext = createContext<DoorApi>(sessionDoorApi);

/** Gives the door's components below it `door` to call with. */
export const DoorApiProvider = DoorApiContext.Provider;

/** The client (and query keys) the door calls with here. */
export function useDoorApi(): DoorApi {
  return useContext(DoorApiContext);
}
