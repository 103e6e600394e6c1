// The dashboard's one way to the API: @tessera/client in session mode (cookies plus the CSRF
// token it keeps). A 401 on any call (the session expired or was signed out elsewhere) goes to
// whoever registered with onSessionLost: the router sends the person to sign-in and back.
import { createTesseraClient, type TesseraApiError } from '@tessera/client';

let sessionLost: (error: TesseraApiError) => void = () => {};

/** The API client every query and mutation uses. */
export const api = createTesseraClient({ auth: { session: true }, onUnauthorized: (error) => sessionLost(error) });

/** Registers what happens when the API says the session is gone. */
export function onSessionLost(handler: (error: TesseraApiError) => void): void {
  sessionLost = handler;
}
