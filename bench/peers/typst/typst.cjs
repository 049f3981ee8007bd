// Typst 0.14 (typst.ts' Node compiler) for bench/peers: the poster in DIR
// (poster.typ, poster.json, images, fonts/) compiled and exported as PDF/UA-1.
//
//   node typst.cjs once DIR OUT.pdf      one compile in a new process (cold)
//   node typst.cjs warm DIR N [OUT.pdf]  N timed compiles in this process after a warm-up;
//                                        prints JSON: per-page wall and CPU ms, PDF bytes
//   node typst.cjs version               the Typst version compiled in
//
// Warm compiles come in two kinds, one after the other: "memo" recompiles the same
// source, so Typst's memoization (comemo) answers much of the layout from its
// cache, as a watch or a server re-rendering one document would; "evict"
// empties that cache first (fonts stay loaded), as a server rendering a
// different body's poster each time would come closer to.
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [mode, dirArg, arg3, arg4] = process.argv.slice(2);
if (mode === 'version') { // node typst.cjs version: Typst's own sys.version
  const c = NodeCompiler.create();
  const r = c.compile({ mainFileContent: '#metadata(str(sys.version)) <v>' });
  console.log(c.query(r.result, { selector: '<v>', field: 'value' })[0]);
  process.exit(0);
}
if (!mode || !dirArg) {
  console.error('usage: node typst.cjs once DIR OUT.pdf | warm DIR N [OUT.pdf]');
  process.exit(2);
}
const dir = path.resolve(dirArg);
const compiler = NodeCompiler.create({ workspace: dir, fontArgs: [{ fontPaths: [path.join(dir, 'fonts')] }] });
const main = { mainFilePath: path.join(dir, 'poster.typ') };

function render() {
  const res = compiler.compile(main);
  const err = res.takeError();
  if (err || !res.result) {
    res.printDiagnostics();
    throw new Error('typst: compile failed: ' + JSON.stringify(err ? err.shortDiagnostics : 'no document'));
  }
  return compiler.pdf(res.result, { pdfStandard: 'ua-1' });
}

if (mode === 'once') {
  fs.writeFileSync(arg3, render());
} else if (mode === 'warm') {
  const n = Number(arg3) || 20;
  for (let i = 0; i < 3; i++) render(); // warm-up: fonts, code, caches
  const out = { memo: { wall_ms: [], cpu_ms: [] }, evict: { wall_ms: [], cpu_ms: [] }, bytes: 0 };
  for (const kind of ['memo', 'evict']) {
    for (let i = 0; i < n; i++) {
      if (kind === 'evict') compiler.evictCache(0);
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const pdf = render();
      const t1 = process.hrtime.bigint();
      const c = process.cpuUsage(c0);
      out[kind].wall_ms.push(Number(t1 - t0) / 1e6);
      out[kind].cpu_ms.push((c.user + c.system) / 1e3);
      out.bytes = pdf.length;
      if (arg4 && i === 0) fs.writeFileSync(arg4, pdf);
    }
  }
  console.log(JSON.stringify(out));
} else {
  console.error('unknown mode ' + mode);
  process.exit(2);
}
