import CSQLite
import Foundation

/// `article_rank(articles_fts)`: the search's ranking, bm25 as FTS5's `bm25()` computes it,
/// but with a term's frequency in a column counted as 1 when the column holds it and 0
/// when not. The `detail=column` index (migration 11, half the size of `detail=full`)
/// stores which columns of a row hold a term and nothing more; FTS5's own `bm25()` would
/// re-tokenize every ranked row to count occurrences (4 to 9 times slower searches). This
/// reads only what the index holds: the columns of each term (`xPhraseFirstColumn`, read
/// from the index), its number of rows (`xQueryPhrase`, once a query, kept with
/// `xSetAuxdata`) and the row's and table's token counts (`xColumnSize`,
/// `xColumnTotalSize`).
///
/// What it keeps of bm25: rarer terms weigh more; a term in the title weighs ten times one
/// in the text (`weights`); a shorter row ranks above a longer one holding the same terms.
/// What it loses: repeating a word in a column does not raise the row. A phrase counts as
/// its tokens, each weighted by its own rarity. Lower is better, as with `bm25()`.
enum SearchRanking {
    /// Per column of `articles_fts` (title, text).
    static let weights: [Double] = [10, 1]
    static let k1 = 1.2
    static let b = 0.75

    /// What one query needs once: each term's inverse document frequency, the mean row size.
    final class Statistics {
        var idf: [Double] = []
        var averageSize = 1.0
    }

    static let function: fts5_extension_function = { api, fts, context, _, _ in
        guard let api, let fts else { return }
        do {
            sqlite3_result_double(context, -(try score(api, fts)))
        } catch {
            sqlite3_result_error_code(context, (error as? FullTextError)?.code ?? SQLITE_ERROR)
        }
    }

    private static func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw FullTextError(code: rc) }
    }

    static func score(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer) throws -> Double {
        let terms = api.pointee.xPhraseCount(fts)
        let statistics = try FullTextAux.cached(api, fts) { () throws -> Statistics in
            let made = Statistics()
            var rows: Int64 = 0
            var tokens: Int64 = 0
            try check(api.pointee.xRowCount(fts, &rows))
            try check(api.pointee.xColumnTotalSize(fts, -1, &tokens))
            made.averageSize = rows > 0 ? max(1, Double(tokens) / Double(rows)) : 1
            for term in 0..<terms {
                var holding = 0
                try check(api.pointee.xQueryPhrase(fts, term, &holding) { _, _, counter in
                    counter?.assumingMemoryBound(to: Int.self).pointee += 1
                    return SQLITE_OK
                })
                // As FTS5's bm25: a term in more than half the rows still weighs a little.
                let idf = log((Double(rows) - Double(holding) + 0.5) / (Double(holding) + 0.5))
                made.idf.append(idf > 0 ? idf : 1e-6)
            }
            return made
        }
        var size: Int32 = 0
        try check(api.pointee.xColumnSize(fts, -1, &size))
        let norm = k1 * (1 - b + b * Double(size) / statistics.averageSize)
        var score = 0.0
        for term in 0..<min(terms, Int32(statistics.idf.count)) {
            var frequency = 0.0
            var iterator = Fts5PhraseIter()
            var column: Int32 = -1
            try check(api.pointee.xPhraseFirstColumn(fts, term, &iterator, &column))
            while column >= 0 {
                frequency += Int(column) < weights.count ? weights[Int(column)] : 1
                api.pointee.xPhraseNextColumn(fts, &iterator, &column)
            }
            score += statistics.idf[Int(term)] * frequency * (k1 + 1) / (frequency + norm)
        }
        return score
    }
}
