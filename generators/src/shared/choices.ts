/**
 * The closed sets of answers the project generator accepts, and what each package manager's
 * commands look like. The CLI's flag choices, the prompts and the view model all read from here.
 */

export const databases = ["pglite", "postgres"] as const;
export type Database = (typeof databases)[number];

export const packageManagers = ["npm", "pnpm", "yarn", "bun"] as const;
export type PackageManager = (typeof packageManagers)[number];

export interface PackageManagerCommands {
  /** Runs a package.json script: `${runCmd} dev`. */
  runCmd: string;
  installCmd: string;
  /** Runs a binary of an installed package: `${execCmd} plop entity`. */
  execCmd: string;
}

export const packageManagerCommands: Record<PackageManager, PackageManagerCommands> = {
  npm: { runCmd: "npm run", installCmd: "npm install", execCmd: "npx" },
  pnpm: { runCmd: "pnpm", installCmd: "pnpm install", execCmd: "pnpm exec" },
  yarn: { runCmd: "yarn", installCmd: "yarn install", execCmd: "yarn" },
  bun: { runCmd: "bun run", installCmd: "bun install", execCmd: "bunx" },
};

export function isDatabase(value: string): value is Database {
  return (databases as readonly string[]).includes(value);
}

export function isPackageManager(value: string): value is PackageManager {
  return (packageManagers as readonly string[]).includes(value);
}
