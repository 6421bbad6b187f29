/** How the signed-in person got in: their company's identity provider, the demo, or an access token. */
export function describeSignIn({
  demo,
  providerName,
}: {
  demo: boolean;
  providerName: string | null;
}): string {
  if (demo) return 'Demo organization';
  return providerName ? `Signed in with ${providerName}` : 'Signed in with an access token';
}
