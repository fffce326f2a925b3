// Validates one RDF file (Turtle or JSON-LD, by extension) against SHACL shape files with rdf-validate-shacl.
// Prints the validation report as JSON and exits 0 when the data conforms, 1 when it does not, 2 on a usage error.
//   node validate.mjs DATA SHAPES...
import rdf from '@zazuko/env-node'
import SHACLValidator from 'rdf-validate-shacl'

const [, , dataFile, ...shapeFiles] = process.argv
if (!dataFile || shapeFiles.length === 0) {
  console.error('usage: node validate.mjs DATA SHAPES...')
  process.exit(2)
}

const shapes = rdf.dataset()
for (const file of shapeFiles) {
  shapes.addAll(await rdf.dataset().import(rdf.fromFile(file)))
}

const data = await rdf.dataset().import(rdf.fromFile(dataFile))
const report = await new SHACLValidator(shapes, { factory: rdf }).validate(data)
const results = report.results.map(result => ({
  focusNode: result.focusNode?.value,
  path: result.path?.value,
  severity: result.severity?.value,
  message: result.message.map(message => message.value).join(' '),
  value: result.value?.value,
}))
console.log(JSON.stringify({ conforms: report.conforms, triples: data.size, results }, null, 1))
process.exit(report.conforms ? 0 : 1)
