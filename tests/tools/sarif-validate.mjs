// Validates SARIF logs against the official SARIF 2.1.0 JSON schema, the one
// Microsoft's SARIF SDK ships in its npm package (@microsoft/sarif-multitool),
// with ajv (JSON Schema 2020-12, as the schema declares) and ajv-formats.
//
//   node sarif-validate.mjs FILE.sarif...
//
// Prints "ok FILE" or each schema error as "FILE: PATH: MESSAGE"; exit
// status 0 when every file is valid, 1 otherwise, 2 when the schema or a
// file cannot be read.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const pkg = `@microsoft/sarif-multitool-${process.platform}`;
let schemaPath;
try {
    schemaPath = join(dirname(require.resolve(`${pkg}/package.json`)), "sarif-2.1.0.json");
} catch (e) {
    console.error(`sarif-validate: ${pkg} is not installed (npm ci in tests/tools)`);
    process.exit(2);
}
if (!existsSync(schemaPath)) {
    console.error(`sarif-validate: no schema at ${schemaPath}`);
    process.exit(2);
}
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let bad = 0;
for (const file of process.argv.slice(2)) {
    let log;
    try {
        log = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
        console.error(`${file}: ${e.message}`);
        process.exit(2);
    }
    if (validate(log)) {
        console.log(`ok ${file}`);
    } else {
        bad++;
        for (const err of validate.errors)
            console.log(`${file}: ${err.instancePath || "/"}: ${err.message} ${JSON.stringify(err.params)}`);
    }
}
process.exit(bad ? 1 : 0);
