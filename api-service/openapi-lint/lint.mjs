// Lints the OpenAPI document that OpenApiDocumentTest wrote: Redocly CLI (recommended) and
// Spectral (spectral:oas), pinned in package-lock.json. Any error fails; warnings are printed.
// Run by `mvn verify` in api-service (exec-maven-plugin); by hand: node lint.mjs [document].
import { existsSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const document = resolve(process.argv[2] ?? resolve(here, "../target/openapi/openapi.json"));

if (!existsSync(document)) {
  // The test that writes it did not run (-Dtest=... chose others): nothing to lint.
  console.log(`openapi-lint: ${document} is absent (OpenApiDocumentTest did not run): skipped`);
  process.exit(0);
}

const env = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
};
const shell = process.platform === "win32";

/** Runs a command; false (and why) when it fails. */
function run(command, args) {
  console.log(`openapi-lint: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: here, env, stdio: "inherit", shell });
  if (result.status !== 0) {
    console.error(`openapi-lint: ${command} failed (exit ${result.status ?? result.error})`);
    return false;
  }
  return true;
}

// npm ci only when the installed tree is missing or older than the lock file.
const installed = resolve(here, "node_modules/.package-lock.json");
const lock = resolve(here, "package-lock.json");
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  if (!run("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"])) {
    process.exit(1);
  }
}
const bin = (name) => resolve(here, "node_modules/.bin", name);
// Both run, so one build shows every finding.
const redocly = run(bin("redocly"), ["lint", "--config", "redocly.yaml", document]);
const spectral = run(bin("spectral"), [
  "lint", "--ruleset", ".spectral.yaml", "--fail-severity", "error", document,
]);
if (!redocly || !spectral) {
  process.exit(1);
}
console.log("openapi-lint: no errors");
