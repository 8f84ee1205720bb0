// Print, for each Argdown file named on the command line, the group the official map draws each
// statement ("[Title]") and argument ("<Title>") in (null at the root), as one JSON object.
// Usage: node official_map.js <path of the argdown command> FILE...
"use strict";
const fs = require("fs");
const path = require("path");

const cli = fs.realpathSync(process.argv[2]);
const { argdown } = require(require.resolve("@argdown/node", { paths: [path.dirname(cli)] }));

function place(nodes, group, placed) {
  for (const node of nodes) {
    if (node.type === "group-map-node") {
      place(node.children || [], node.title, placed);
    } else {
      const name = node.type === "statement-map-node" ? `[${node.title}]` : `<${node.title}>`;
      placed[name] = group;
    }
  }
  return placed;
}

const result = {};
for (const file of process.argv.slice(3)) {
  const response = argdown.run({
    input: fs.readFileSync(file, "utf8"),
    inputPath: file,
    process: ["parse-input", "build-model", "build-map"],
    logLevel: "error",
  });
  result[path.basename(file)] = place(response.map.nodes, null, {});
}
process.stdout.write(JSON.stringify(result));
