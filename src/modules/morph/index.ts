// The morphing module's public entry. It sits below campaigns: callers pass the code's facts in,
// and it imports no other domain module.
export {
  checkSignedRender,
  checkToken,
  countReentry,
  inspectToken,
  liveUrl,
  type MorphSettings,
  morphSettings,
  type RenderSecret,
  renderSecret,
  rotateRenderSecret,
  setReentry,
  setReentryOfCodes,
  type SignedRenderCheck,
  withSecretKeys,
} from './morph.service.ts';
