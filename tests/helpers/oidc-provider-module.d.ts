// oidc-provider ships no type declarations; the test helper only uses a few members.
declare module 'oidc-provider' {
  const Provider: any;
  export default Provider;
}
