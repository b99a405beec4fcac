import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The root of the installed create-layered-service package (holds package.json and templates/). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const templatesDir = path.join(packageRoot, "templates");
export const projectTemplateDir = path.join(templatesDir, "project");
export const entityTemplateDir = path.join(templatesDir, "entity");

interface PackageJson {
  name: string;
  version: string;
}

export const generatorPackage = JSON.parse(
  readFileSync(path.join(packageRoot, "package.json"), "utf8"),
) as PackageJson;
