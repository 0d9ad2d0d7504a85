import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient
@testable import PostgresStore
import PostgresTestSupport
import XCTest

/// The ledger's common queries, as the store sends them, go through their indexes on an
/// archive of 20,000 articles (rows made in SQL, then ANALYZE): no sequential scan of a
/// ledger table, and no sort of every figure for a listing.
final class PostgresLedgerPlanTests: XCTestCase {
    func testCommonLedgerQueriesUseTheirIndexes() throws {
        let store = try LedgerFixture.newStore(for: self)
        defer { store.close() }
        let plans = try store.write { c -> [(String, String)] in
            _ = try c.execute("""
                INSERT INTO articles (id, text, title, published_at, received_at, text_hash, extractor_version)
                SELECT 'art_' || n, 'Text ' || n, 'Title ' || n, date '2020-01-01' + n % 1500, now(), md5(n::text), 'v1'
                FROM generate_series(1, 20000) n;
                INSERT INTO archive_entities (id, type, key, name, folded, surname, article_count, mention_count)
                SELECT 'ent_' || lpad(to_hex(n), 16, '0'), (ARRAY['person','organisation','place','money','date'])[n % 5 + 1],
                       'key ' || n, 'Name ' || n, 'name ' || n, 'surname' || (n % 300), 30, 60
                FROM generate_series(1, 2000) n;
                INSERT INTO article_entities (article_seq, position, ref, day, name, mentions)
                SELECT s, p, (s * 7 + p * 13) % 2000 + 1, 18262 + s % 1500, 'Name', '\\x000500'::bytea
                FROM generate_series(1, 20000) s, generate_series(0, 2) p;
                INSERT INTO figures (article_seq, position, published_day, amount, currency, currency_resolution, text, start, "end",
                                     sentence_start, sentence_end, date_start, sentence_search)
                SELECT s, 0, 18262 + s % 1500, (s % 977) * 1000.5, (ARRAY['USD','EUR','GBP','JPY'])[s % 4 + 1], 'explicit', '$1', 0, 2,
                       0, 10, 18262 + s % 1500, to_tsvector('simple', 'word' || (s % 500) || ' aid pledged')
                FROM generate_series(1, 20000) s, generate_series(0, 1) k;
                INSERT INTO figure_entities (ref, figure_id) SELECT (id * 7) % 2000 + 1, id FROM figures;
                INSERT INTO figure_totals (grouping, group_key, currency, count, total, min_amount, max_amount)
                SELECT 'article', a.published_at || ' ' || a.id, 'USD', 2, 2, 1, 1 FROM articles a;
                -- What autovacuum does to a GIN index's pending entries once so many rows arrive at once.
                SELECT gin_clean_pending_list('figures_search');
                ANALYZE;
                """)
            let statements: [(String, String)] = [
                ("figures by amount", "SELECT f.id FROM figures f ORDER BY f.amount DESC, f.id DESC LIMIT 51"),
                ("figures by amount after a cursor", """
                    SELECT f.id FROM figures f WHERE (f.amount, f.id) < (5000.5, 10)
                    ORDER BY f.amount DESC, f.id DESC LIMIT 51
                    """),
                ("figures of a currency", "SELECT f.id FROM figures f WHERE f.currency = 'EUR' ORDER BY f.amount, f.id LIMIT 51"),
                ("figures newest first", "SELECT f.id FROM figures f ORDER BY f.published_day DESC, f.id DESC LIMIT 51"),
                ("figures of a sentence entity", """
                    SELECT f.id FROM figures f WHERE f.id IN (SELECT fe.figure_id FROM figure_entities fe WHERE fe.ref = ANY('{5}'::bigint[]))
                    ORDER BY f.amount DESC, f.id DESC LIMIT 51
                    """),
                ("figures with words", """
                    SELECT f.id FROM figures f WHERE f.sentence_search @@ plainto_tsquery('simple', 'word17')
                    ORDER BY f.amount DESC, f.id DESC LIMIT 51
                    """),
                ("figures of an article", "SELECT f.id FROM figures f WHERE f.article_seq = (SELECT seq FROM articles WHERE id = 'art_5')"),
                ("an article's entities", """
                    SELECT e.position FROM article_entities e JOIN archive_entities x ON x.ref = e.ref
                    WHERE e.article_seq = ANY('{5}'::bigint[]) ORDER BY e.article_seq, e.position
                    """),
                ("entities by articles", """
                    SELECT e.id FROM archive_entities e WHERE e.type = 'person' ORDER BY article_count DESC, ref LIMIT 51
                    """),
                ("entities by name", "SELECT e.id FROM archive_entities e WHERE e.type = 'place' ORDER BY folded, ref LIMIT 51"),
                ("an entity's articles", """
                    SELECT a.id FROM article_entities e JOIN articles a ON a.seq = e.article_seq
                    WHERE e.ref = 5 ORDER BY e.day DESC, e.article_seq DESC LIMIT 21
                    """),
                ("a surname's people", """
                    SELECT key FROM archive_entities WHERE surname = 'surname5' AND type = 'person' ORDER BY mention_count DESC LIMIT 2
                    """),
                ("an entity by id", "SELECT ref FROM archive_entities WHERE id = 'ent_0000000000000005'"),
                ("kept totals", """
                    SELECT t.group_key FROM figure_totals t WHERE t.grouping = 'currency' ORDER BY t.group_key, t.currency LIMIT 501
                    """),
            ]
            return try statements.map { name, sql in
                (name, try c.query("EXPLAIN " + sql).map { try $0.required(0) }.joined(separator: "\n"))
            }
        }
        for (name, plan) in plans {
            for table in ["figures", "figure_entities", "article_entities", "archive_entities", "figure_totals", "archive_names"] {
                XCTAssertFalse(plan.contains("Seq Scan on \(table) "), "\(name) scans \(table):\n\(plan)")
            }
            // A listing with no filter, or one the index leads with, walks the sort's index.
            if ["figures by amount", "figures by amount after a cursor", "figures of a currency", "figures newest first",
                "entities by articles", "entities by name", "an entity's articles", "kept totals"].contains(name) {
                XCTAssertFalse(plan.contains("Sort"), "\(name) sorts:\n\(plan)")
            }
        }
    }
}
