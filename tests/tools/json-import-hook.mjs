// @actions/workflow-parser imports its schema JSON without an import attribute, which Node 20 refuses.
// This load hook adds `type: "json"` to .json imports so the parser loads unchanged.
export async function load(url, context, nextLoad) {
  if (url.endsWith(".json")) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
  }
  return nextLoad(url, context);
}
