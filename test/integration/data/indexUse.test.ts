// The indexes the repositories declare are the ones the local database uses. FerretDB's
// PostgreSQL pushdown filters with `_jsonb->'field' @> value`, which FerretDB's own btree indexes
// cannot serve; scripts/ferretdb.js gives each a GIN twin. Here FerretDB's `explain` (which
// returns PostgreSQL's plan) must show an index scan, never a sequential scan, for a filter on
// each declared index's leading fields.
import { collectionIndexes, ensureIndexes } from '../../../bot/data/db';
import { openTestDatabase, type TestDatabase } from '../../support/database';

// Only the local database answers `explain` with PostgreSQL's plan; MONGODB_URI may be a MongoDB.
const onLocalDatabase = process.env.PGTEAMS_TEST_DB_STARTED === '1';
const DOCUMENTS = 3000;

interface PlanNode {
  'Node Type'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

(onLocalDatabase ? describe : describe.skip)('index use on the local database (FerretDB on PostgreSQL)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('indexuse');
    await ensureIndexes(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

  const plainFields = (key: object) => Object.keys(key).filter((field) => field !== '_id' && !field.includes('.'));
  const declared = collectionIndexes
    .flatMap(({ collection, indexes }) =>
      indexes.map((index) => ({
        collection,
        name: String(index.name),
        fields: plainFields(index.key),
        unique: Boolean(index.unique),
        // Every field any index of the collection names, so its other unique indexes stay satisfied.
        allFields: [...new Set(indexes.flatMap((other) => plainFields(other.key)))],
      })),
    )
    .filter((index) => index.fields.length > 0);

  test('every collection the app declares has at least one index to serve its queries', () => {
    expect(declared.length).toBeGreaterThan(10);
  });

  test.each(declared)('$collection: a filter on the leading fields of $name is an index scan', async ({ collection, fields, unique, allFields }) => {
    const queried = fields.slice(0, 2);
    // Queried fields repeat (10 and 97 distinct values); every other field is distinct, and so is
    // the last queried one when the index is unique on just those fields.
    const cardinality = (field: string): number => {
      const position = queried.indexOf(field);
      if (position < 0 || (unique && fields.length === queried.length && position === queried.length - 1)) return DOCUMENTS;
      return position === 0 ? 10 : 97;
    };
    const documents = Array.from({ length: DOCUMENTS }, (_, i) => ({
      _id: `${collection}-${queried.join('-')}-${i}`,
      ...Object.fromEntries(allFields.map((field) => [field, `${field}-${i % cardinality(field)}`])),
    }));
    const scratch = database.db.collection(`${collection}`);
    await scratch.deleteMany({});
    await scratch.insertMany(documents as never[]);
    const filter = Object.fromEntries(queried.map((field, position) => [field, `${field}-${position === 0 ? 3 : 42}`]));

    const explained = await database.db.command({ explain: { find: collection, filter } });

    expect(explained.filterPushdown).toBe(true);
    const nodes = nodesOf(explained.queryPlanner.Plan as PlanNode);
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    expect(nodes.some((node) => node['Index Name']?.startsWith('gin_'))).toBe(true);
    // The query still answers what it should.
    expect(await scratch.countDocuments(filter)).toBe(documents.filter((doc) => queried.every((field) => (doc as Record<string, unknown>)[field] === filter[field])).length);
  });
});
