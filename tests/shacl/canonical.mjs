// Reads one RDF file with the outside parsers the test suite trusts (N3.js for Turtle and N-Triples, jsonld.js for
// JSON-LD, rdfxml-streaming-parser for RDF/XML) and prints its graph as canonical N-Quads (RDFC-1.0), so that two
// files hold the same graph exactly when their outputs are equal. Exits 1 with the parser's message when the file
// does not parse (JSON-LD in safe mode: anything the algorithm would drop is an error), 2 on a usage error.
// jsonld-lenient reads JSON-LD as the algorithm does, dropping what it drops (for documents written to have some).
//   node canonical.mjs FILE turtle|ntriples|jsonld|jsonld-lenient|rdfxml [BASE]
import { readFile } from 'node:fs/promises'
import N3 from 'n3'
import jsonld from 'jsonld'
import { RdfXmlParser } from 'rdfxml-streaming-parser'
import canonize from 'rdf-canonize'

const [, , file, syntax, base] = process.argv
if (!file || !['turtle', 'ntriples', 'jsonld', 'jsonld-lenient', 'rdfxml'].includes(syntax)) {
  console.error('usage: node canonical.mjs FILE turtle|ntriples|jsonld|jsonld-lenient|rdfxml [BASE]')
  process.exit(2)
}

const toNQuads = quads => new N3.Writer({ format: 'N-Quads' }).quadsToString(quads)

async function read (text) {
  switch (syntax) {
    case 'turtle':
    case 'ntriples':
      return toNQuads(new N3.Parser({ format: syntax === 'turtle' ? 'text/turtle' : 'application/n-triples', baseIRI: base }).parse(text))
    case 'jsonld':
    case 'jsonld-lenient':
      return await jsonld.toRDF(JSON.parse(text), {
        format: 'application/n-quads',
        base,
        safe: syntax === 'jsonld',
        documentLoader: url => { throw new Error(`remote context ${url} refused`) },
      })
    case 'rdfxml': {
      const quads = []
      await new Promise((resolve, reject) => {
        const parser = new RdfXmlParser({ baseIRI: base })
        parser.on('data', quad => quads.push(quad)).on('error', reject).on('end', resolve)
        parser.write(text)
        parser.end()
      })
      return toNQuads(quads)
    }
  }
}

try {
  const nquads = await read(await readFile(file, 'utf8'))
  process.stdout.write(await canonize.canonize(nquads, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads' }))
} catch (error) {
  console.error(error.message ?? String(error))
  process.exit(1)
}
