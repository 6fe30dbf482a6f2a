// Lint Cypher statements with Neo4j's own front end (@neo4j-cypher/language-support: its ANTLR parser plus
// Neo4j's parser and semantic analysis compiled to JavaScript), once as CYPHER 5 and once as CYPHER 25.
//
// stdin:  {"statements": [{"text": "MATCH ...", "parameters": ["id", ...]}, ...],
//          "schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]}}
// stdout: {"linter": "NAME VERSION", "versions": [...],
//          "results": [{"text": ..., "diagnostics": {"CYPHER 5": [...], "CYPHER 25": [...]}}, ...]}
// Each diagnostic: {"severity": "error" | "warning" | "information" | "hint", "message", "line", "column",
// "deprecated"}, line and column 1-based in the statement as given. Undeclared parameters, labels, relation
// types and property keys are reported too, and so is any function Neo4j does not ship or any procedure.
//
//   echo '{"statements": [{"text": "CALL { RETURN 1 AS x } RETURN x"}]}' | node tests/cypher_lint/lint.cjs
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { lintCypherQuery, allCypherVersions, testData } = require('@neo4j-cypher/language-support');

const PACKAGE = require(path.join(
  path.dirname(require.resolve('@neo4j-cypher/language-support')), '..', '..', 'package.json'));
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const DEPRECATED_TAG = 2; // vscode-languageserver-types DiagnosticTag.Deprecated

// The functions a Neo4j server lists as built in, per Cypher version, as the package records them (its
// test schema is a server's SHOW FUNCTIONS output; plug-in functions such as apoc.* and gds.* are left out).
function builtInFunctions() {
  const registry = {};
  for (const version of allCypherVersions) {
    registry[version] = Object.fromEntries(
      Object.entries(testData.mockSchema.functions[version] ?? {}).filter(([, fn]) => fn.isBuiltIn));
  }
  return registry;
}

function lint(text, parameters, schema, version) {
  const prefix = `${version} `; // how a query picks its language in Neo4j, read by both the parser and the analysis
  const dbSchema = {
    ...schema,
    parameters: Object.fromEntries(parameters.map((name) => [name, null])),
    functions: builtInFunctions(),
    procedures: Object.fromEntries(allCypherVersions.map((v) => [v, {}])),
  };
  const { diagnostics } = lintCypherQuery(prefix + text, dbSchema, { consoleCommandsEnabled: false });
  return diagnostics.map((d) => {
    const offset = d.offsets.start - prefix.length;
    const before = text.slice(0, Math.max(offset, 0)).split('\n');
    return {
      severity: SEVERITY[d.severity] ?? String(d.severity),
      message: d.message,
      line: before.length,
      column: before[before.length - 1].length + 1,
      deprecated: (d.tags ?? []).includes(DEPRECATED_TAG),
    };
  });
}

function main() {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const schema = input.schema ?? {};
  const results = (input.statements ?? []).map(({ text, parameters = [] }) => ({
    text,
    diagnostics: Object.fromEntries(allCypherVersions.map((v) => [v, lint(text, parameters, schema, v)])),
  }));
  process.stdout.write(JSON.stringify({
    linter: `${PACKAGE.name} ${PACKAGE.version}`, versions: allCypherVersions, results,
  }));
}

main();
