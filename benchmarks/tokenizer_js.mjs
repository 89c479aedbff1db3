// tokenizers.js side of benchmarks/run-tokenizer.sh: the same measurements as TokenizerLoadBenchmark.cs, one JSON
// line per file. Usage: node benchmarks/tokenizer_js.mjs STRINGS_JSON TOKENIZER_JSON...
import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const { Tokenizer } = await import(pathToFileURL(resolve("tests/fixtures/tokenizers/node_modules/@huggingface/tokenizers/dist/tokenizers.mjs")));
const [stringsPath, ...files] = process.argv.slice(2);
const strings = JSON.parse(readFileSync(stringsPath, "utf8"));
const load = (path) => new Tokenizer(JSON.parse(readFileSync(path, "utf8")), {});
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };

for (const path of files) {
  let kept = null;
  const first = time(() => { kept = load(path); });
  const loads = [0, 1, 2].map(() => time(() => load(path)));
  kept = null;
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  kept = load(path);
  global.gc?.();
  const retained = process.memoryUsage().heapUsed - before;
  for (const s of strings) kept.encode(s);
  const passes = [0, 1, 2, 3, 4].map(() => time(() => { for (const s of strings) kept.encode(s); }));
  console.log(JSON.stringify({
    impl: "tokenizers.js",
    file: `${basename(dirname(path))}/${basename(path)}`,
    mb: Math.round(readFileSync(path).length / 1e5) / 10,
    model: kept.model.constructor.name,
    first_load_ms: Math.round(first),
    load_ms: Math.round(median(loads)),
    allocated_mb: null,
    retained_mb: Math.round(retained / 1e5) / 10,
    peak_working_set_mb: Math.round(process.resourceUsage().maxRSS / 1e3),
    texts_per_s: Math.round(strings.length / (median(passes) / 1000)),
  }));
}
