import CSQLite
import Foundation

/// What every connection needs for the article search over `articles_fts` (migration 11,
/// `detail=column`): the FTS5 auxiliary functions the search calls by name, and an
/// instance of the index's own tokenizer, so the store splits a user's phrase into exactly
/// the tokens the index holds (same case and diacritic folding, same separators).
///
/// The functions are registered on each connection and never stored in the database (no
/// persistent `rank` setting), so the sqlite3 shell or an older binary can still read and
/// write the table; only the search's own queries name them.
///
/// - `article_rank(articles_fts)`: `SearchRanking`, bm25 without token positions.
/// - `article_phrases(articles_fts, phrases)`: 1 when every phrase of several tokens
///   occurs with its tokens adjacent in one column (`SearchPhrases`).
/// - `article_snippet(articles_fts, phrases)`: FTS5's `snippet()` with the phrases as the
///   user wrote them (`SearchSnippetFunction`).
final class FullTextFunctions {
    /// The tokenizer of `articles_fts`: the name and arguments FTS5 reads from `tokenize =`.
    static let tokenize = "unicode61 remove_diacritics 2"

    private var module = fts5_tokenizer()
    private var instance: OpaquePointer?

    /// Nil when this libsqlite3 has no FTS5 (then the schema's migrations fail first).
    init?(db: OpaquePointer) {
        guard let api = Self.api(db) else { return nil }
        for (name, function) in [("article_rank", SearchRanking.function),
                                 ("article_phrases", SearchPhrases.function),
                                 ("article_snippet", SearchSnippetFunction.function)] {
            guard api.pointee.xCreateFunction(api, name, nil, function, nil) == SQLITE_OK else { return nil }
        }
        let words = Self.tokenize.split(separator: " ").map(String.init)
        var context: UnsafeMutableRawPointer?
        guard api.pointee.xFindTokenizer(api, words[0], &context, &module) == SQLITE_OK,
              let create = module.xCreate else { return nil }
        let arguments = words.dropFirst().map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        var argv: [UnsafePointer<CChar>?] = arguments.map { UnsafePointer($0) }
        guard create(context, &argv, Int32(argv.count), &instance) == SQLITE_OK, instance != nil else { return nil }
    }

    /// Frees the tokenizer; called before the connection closes.
    func close() {
        if let instance { module.xDelete?(instance) }
        instance = nil
    }

    deinit { close() }

    /// The tokens of `text` as the index would store them (folded UTF-8), each with the
    /// byte range of the text it was read from.
    func tokens(_ text: String) -> [(token: [UInt8], range: Range<Int>)] {
        guard let instance, let tokenize = module.xTokenize else { return [] }
        let sink = TokenSink()
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = tokenize(instance, Unmanaged.passUnretained(sink).toOpaque(), FTS5_TOKENIZE_QUERY,
                             chars.baseAddress, Int32(chars.count)) { context, flags, token, count, start, end in
                    guard let context, flags & FTS5_TOKEN_COLOCATED == 0 else { return SQLITE_OK }
                    let sink = Unmanaged<TokenSink>.fromOpaque(context).takeUnretainedValue()
                    let bytes = token.map { UnsafeRawBufferPointer(start: $0, count: Int(count)) }.map(Array.init) ?? []
                    sink.tokens.append((bytes, Int(start)..<Int(end)))
                    return SQLITE_OK
                }
            }
        }
        return sink.tokens
    }

    private final class TokenSink {
        var tokens: [(token: [UInt8], range: Range<Int>)] = []
    }

    /// The connection's `fts5_api`, which FTS5 hands out through `SELECT fts5(?1)` with a
    /// pointer bound under the type name "fts5_api_ptr".
    private static func api(_ db: OpaquePointer) -> UnsafeMutablePointer<fts5_api>? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        return withUnsafeMutablePointer(to: &api) { slot -> UnsafeMutablePointer<fts5_api>? in
            // The type name must outlive the step: a static string, not a temporary copy.
            guard sqlite3_bind_pointer(statement, 1, slot, pointerType, nil) == SQLITE_OK else { return nil }
            _ = sqlite3_step(statement)
            return slot.pointee
        }
    }

    /// Never freed nor written: one copy for the process.
    nonisolated(unsafe) private static let pointerType: UnsafePointer<CChar> = UnsafePointer(strdup("fts5_api_ptr")!)
}

/// Helpers the auxiliary functions share.
enum FullTextAux {
    /// The first argument after the table, as bytes (empty when absent or NULL).
    static func argument(_ values: UnsafeMutablePointer<OpaquePointer?>?, count: Int32, _ index: Int) -> [UInt8] {
        guard let values, index < count, let value = values[index], let text = sqlite3_value_text(value) else { return [] }
        return Array(UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(value))))
    }

    /// Data kept for the rest of one query by `xSetAuxdata`, made once by `make`.
    static func cached<T: AnyObject>(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer,
                                     _ make: () throws -> T) throws -> T {
        if let kept = api.pointee.xGetAuxdata(fts, 0) {
            return Unmanaged<AnyObject>.fromOpaque(kept).takeUnretainedValue() as! T
        }
        let made = try make()
        let retained = Unmanaged.passRetained(made as AnyObject).toOpaque()
        let rc = api.pointee.xSetAuxdata(fts, retained) { pointer in
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
        }
        guard rc == SQLITE_OK else { throw FullTextError(code: rc) }
        return made
    }

    /// The text of column `column` of the current row, as bytes the callee may not keep.
    static func columnText(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, _ column: Int32) throws -> UnsafeBufferPointer<UInt8> {
        var text: UnsafePointer<CChar>?
        var count: Int32 = 0
        let rc = api.pointee.xColumnText(fts, column, &text, &count)
        guard rc == SQLITE_OK else { throw FullTextError(code: rc) }
        guard let text else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeRawPointer(text).withMemoryRebound(to: UInt8.self, capacity: Int(count)) {
            UnsafeBufferPointer(start: $0, count: Int(count))
        }
    }

    /// Tokenizes `text` with the table's tokenizer, calling `body` with each token's folded
    /// bytes and its byte range in `text`; `body` returns false to stop.
    static func tokenize(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, _ text: UnsafeBufferPointer<UInt8>,
                         _ body: (UnsafeBufferPointer<UInt8>, Int32, Int32) -> Bool) throws {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        try withoutActuallyEscaping(body) { body in
            let visitor = TokenVisitor(body)
            let rc = base.withMemoryRebound(to: CChar.self, capacity: text.count) { chars in
                api.pointee.xTokenize(fts, chars, Int32(text.count), Unmanaged.passUnretained(visitor).toOpaque()) {
                    context, flags, token, count, start, end in
                    guard let context, flags & FTS5_TOKEN_COLOCATED == 0 else { return SQLITE_OK }
                    let visitor = Unmanaged<TokenVisitor>.fromOpaque(context).takeUnretainedValue()
                    let bytes = UnsafeRawPointer(token).map {
                        UnsafeBufferPointer(start: $0.assumingMemoryBound(to: UInt8.self), count: Int(count))
                    } ?? UnsafeBufferPointer(start: nil, count: 0)
                    return visitor.body(bytes, start, end) ? SQLITE_OK : SQLITE_DONE
                }
            }
            guard rc == SQLITE_OK || rc == SQLITE_DONE else { throw FullTextError(code: rc) }
        }
    }

    private final class TokenVisitor {
        let body: (UnsafeBufferPointer<UInt8>, Int32, Int32) -> Bool
        init(_ body: @escaping (UnsafeBufferPointer<UInt8>, Int32, Int32) -> Bool) { self.body = body }
    }
}

/// An SQLite error code met inside an auxiliary function, handed back as its result.
struct FullTextError: Error {
    let code: Int32
}
