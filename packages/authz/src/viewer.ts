/** The identity a request acts for. Applications extend it (token claims, for instance). */
export interface Viewer {
  readonly id: string;
}
