// Bundle the network view (sigma.js + graphology) and the page scripts into ../static/.
// Run `make web` (npm ci && npm run build); the bundles are committed, so serving needs no npm.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const common = {
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  logLevel: "info",
};

await build({ ...common, entryPoints: [join(here, "src/graph.js")], outfile: join(here, "../static/graph.bundle.js") });
await build({ ...common, entryPoints: [join(here, "src/ui.js")], outfile: join(here, "../static/ui.bundle.js") });
