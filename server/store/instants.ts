/** Database instants are epoch ms; the API speaks ISO 8601. */
export function toInstant(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString();
}

export function toNullableInstant(epochMilliseconds: number | null): string | null {
  return epochMilliseconds === null ? null : toInstant(epochMilliseconds);
}
