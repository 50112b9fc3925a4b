// What the playground's Export menu exports for a query: the selection of the graph that the
// query's first actor, neighbourhood, neighbours or relations-between field reads, as the
// arguments of the API's exportURL field (schema/export.graphqls).
import { Kind, parse, valueFromASTUntyped } from "graphql";

// selectionOf reads the query text and its variables (JSON text, maybe empty) and returns
// { args, description } for exportURL, or { error } when the query or the variables do not
// parse. A query that names no actor selects the whole graph (args without actor or actors).
// operationName picks the operation when the document holds several; otherwise the first.
export function selectionOf(queryText, variablesText, operationName) {
  let doc;
  try {
    doc = parse(queryText || "");
  } catch (err) {
    return { error: `the query does not parse: ${err.message}` };
  }
  let variables = {};
  if ((variablesText || "").trim()) {
    try {
      variables = JSON.parse(variablesText);
    } catch (err) {
      return { error: `the variables are not JSON: ${err.message}` };
    }
  }
  const operations = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((op) => operationName && op.name?.value === operationName) || operations[0];
  if (!operation) return { error: "the document holds no operation" };
  // Defaults of the operation's variables count as given.
  const values = { ...variables };
  for (const v of operation.variableDefinitions || []) {
    const name = v.variable.name.value;
    if (!(name in values) && v.defaultValue) values[name] = valueFromASTUntyped(v.defaultValue, {});
  }
  for (const field of operation.selectionSet.selections) {
    if (field.kind !== Kind.FIELD) continue;
    const args = {};
    for (const a of field.arguments || []) args[a.name.value] = valueFromASTUntyped(a.value, values);
    const filter = args.filter ? { filter: args.filter } : {};
    const said = args.filter ? ", under the query's filter" : "";
    switch (field.name.value) {
      case "neighborhood":
        if (typeof args.actor !== "string") break;
        return {
          args: { actor: args.actor, hops: args.hops ?? 1, ...(args.limit != null ? { limit: args.limit } : {}), ...filter },
          description: `the ${args.hops ?? 1}-hop neighbourhood of ${args.actor}${said}`,
        };
      case "neighbors":
        if (typeof args.actor !== "string") break;
        return { args: { actor: args.actor, hops: 1, ...filter }, description: `the neighbours of ${args.actor}${said}` };
      case "actor":
        if (typeof args.id !== "string") break;
        return { args: { actor: args.id, hops: 1 }, description: `${args.id} and its neighbours` };
      case "relations":
        if (Array.isArray(args.between) && args.between.length) {
          return { args: { actors: args.between, ...filter }, description: `the relations among ${args.between.join(", ")}${said}` };
        }
        if (typeof args.actor === "string") {
          return { args: { actor: args.actor, hops: 1, ...filter }, description: `${args.actor} and its neighbours${said}` };
        }
        break;
      default:
    }
  }
  return { args: {}, description: "the whole graph (the query names no actor)" };
}

// exportURLQuery asks the API for the URL of an export of a selection.
export const exportURLQuery = `query ExportURL($format: ExportFormat!, $actor: ID, $hops: Int, $limit: Int, $actors: [ID!], $filter: RelationFilter) {
  exportURL(format: $format, actor: $actor, hops: $hops, limit: $limit, actors: $actors, filter: $filter)
}`;

// linkSearch returns the location's search with query and variables set to the editor's (the
// variables left out when empty), keeping any other parameter.
export function linkSearch(search, query, variables) {
  const p = new URLSearchParams(search);
  if (query) p.set("query", query);
  else p.delete("query");
  if ((variables || "").trim()) p.set("variables", variables);
  else p.delete("variables");
  const s = p.toString();
  return s ? "?" + s : "";
}
