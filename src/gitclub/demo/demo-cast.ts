/** The demo cast, from the first seed's story: who exists and what they hold. Shared by the seed and the tests. */
export const demoPassword = 'rolegate-demo';

/** Demo users: login and what they are for. */
export const demoUsers = {
  john: 'admin of beatles',
  paul: 'member of beatles (default role: contributor)',
  ringo: 'member of beatles, explicit maintainer of abbey-road',
  george: 'member of beatles, custom role ci-cd on infra',
  bill: 'billing of beatles',
  mike: 'admin of monsters',
  sully: 'member of monsters',
  randall: 'outside collaborator: contributor on abbey-road only',
  nobody: 'signed up, in no organization',
} as const;

/** A demo login. */
export type DemoLogin = keyof typeof demoUsers;

/** The demo email of a login. */
export function demoEmail(login: string): string {
  return `${login}@gitclub.test`;
}
