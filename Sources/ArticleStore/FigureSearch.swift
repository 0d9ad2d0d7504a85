/// Full-text search over figures' sentences (`figures_fts`, FTS5, contentless: the text
/// is the article's, sliced by the sentence offsets, never a second stored copy).
enum FigureSearch {
    /// The user's words as an FTS5 query that needs all of them: each word quoted, so
    /// FTS5 operators and punctuation in the input are plain text, never syntax.
    static func match(_ text: String) -> String {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        return words.map { "\"" + $0 + "\"" }.joined(separator: " ")
    }

    /// True when `match` of this text has a word to look for.
    static func hasWords(_ text: String) -> Bool { !match(text).isEmpty }

    static let sentenceSlice = "substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start)"

    /// Indexes the sentences of an article's figures, after they are inserted.
    static func index(seq: Int64, in db: SQLiteConnection) throws {
        try db.run("""
            INSERT INTO figures_fts (rowid, sentence) SELECT f.id, \(sentenceSlice)
            FROM article_figures r \(FigureRange.joinWithArticles) WHERE r.article_seq = ?
            """, [.integer(seq)])
    }

    /// Takes them out again, before the figures go: a contentless table is told the text it indexed.
    static func unindex(seq: Int64, in db: SQLiteConnection) throws {
        try db.run("""
            INSERT INTO figures_fts (figures_fts, rowid, sentence) SELECT 'delete', f.id, \(sentenceSlice)
            FROM article_figures r \(FigureRange.joinWithArticles) WHERE r.article_seq = ?
            """, [.integer(seq)])
    }
}
