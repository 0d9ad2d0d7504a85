import CSQLite
import Foundation

/// `article_snippet(articles_fts, phrases)`: what FTS5's
/// `snippet(articles_fts, -1, char(57344), char(57345), '…', 24)` gave on the
/// `detail=full` index. On `detail=column` the MATCH holds each token of a phrase as a term
/// of its own (`FullTextPlan`), so the built-in `snippet()` would mark every `s` of a
/// window for `Trump's`; this one finds the phrases as the user wrote them in the tokens of
/// the row's title and text and then follows FTS5's own choice of passage: the 24-token
/// window scoring most (1000 for each phrase's first occurrence in it, 1 for each
/// further one), centred on its matches, or begun at a sentence start when that scores as
/// well plus a bonus; the matched phrases marked, `…` where the window cuts the column.
/// It tokenizes the row, as FTS5's did, and runs for one page of hits only.
enum SearchSnippetFunction {
    static let open: [UInt8] = Array("\u{E000}".utf8)
    static let close: [UInt8] = Array("\u{E001}".utf8)
    static let ellipsis: [UInt8] = Array("…".utf8)
    static let windowTokens = 24

    static let function: fts5_extension_function = { api, fts, context, count, values in
        guard let api, let fts else { return }
        do {
            let list = try FullTextAux.cached(api, fts) { PhraseList(FullTextAux.argument(values, count: count, 0)) }
            let out = try snippet(api, fts, list.phrases)
            // SQLITE_TRANSIENT: SQLite copies the bytes before this returns.
            (out + [0]).withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    sqlite3_result_text(context, chars.baseAddress, Int32(out.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                }
            }
        } catch {
            sqlite3_result_error_code(context, (error as? FullTextError)?.code ?? SQLITE_ERROR)
        }
    }

    /// One column of the row, tokenized.
    private struct Column {
        var text: [UInt8] = []
        var tokens: [(start: Int, end: Int)] = []
        /// Token positions that begin a sentence (after `.` or `:` and white space), 0 first.
        var sentenceStarts: [Int] = []
        /// (phrase, token position) of every phrase occurrence, in position order.
        var instances: [(phrase: Int, position: Int)] = []
    }

    private static func read(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, column index: Int32,
                             _ phrases: [PhraseList.Phrase]) throws -> Column {
        var column = Column()
        let text = try FullTextAux.columnText(api, fts, index)
        column.text = Array(text)
        // The folded tokens one after another, token i at starts[i]..<starts[i + 1].
        var folded: [UInt8] = []
        var starts = [0]
        try FullTextAux.tokenize(api, fts, text) { token, start, end in
            let position = column.tokens.count
            if position == 0 {
                column.sentenceStarts.append(0)
            } else {
                var i = Int(start) - 1
                while i >= 0, text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0A || text[i] == 0x0D { i -= 1 }
                if i != Int(start) - 1, i >= 0, text[i] == UInt8(ascii: ".") || text[i] == UInt8(ascii: ":") {
                    column.sentenceStarts.append(position)
                }
            }
            column.tokens.append((Int(start), Int(end)))
            folded.append(contentsOf: token)
            starts.append(folded.count)
            return true
        }
        let count = column.tokens.count
        folded.withUnsafeBufferPointer { folded in
            for position in 0..<count {
                for (p, phrase) in phrases.enumerated() where position + phrase.tokens.count <= count {
                    var hit = true
                    for k in 0..<phrase.tokens.count where hit {
                        hit = phrase.matches(UnsafeBufferPointer(rebasing: folded[starts[position + k]..<starts[position + k + 1]]), at: k)
                    }
                    if hit { column.instances.append((p, position)) }
                }
            }
        }
        return column
    }

    /// FTS5's fts5SnippetScore: the window's score and, centred on its matches, its start.
    private static func score(_ column: Column, _ phrases: [PhraseList.Phrase], from start: Int) -> (score: Int, centred: Int) {
        var seen = Set<Int>()
        var score = 0
        var first = -1
        var last = 0
        for instance in column.instances where instance.position >= start && instance.position < start + windowTokens {
            score += seen.insert(instance.phrase).inserted ? 1000 : 1
            if first < 0 { first = instance.position }
            last = instance.position + phrases[instance.phrase].tokens.count
        }
        var centred = first - (windowTokens - (last - first)) / 2
        if centred + windowTokens > column.tokens.count { centred = column.tokens.count - windowTokens }
        return (score, max(0, centred))
    }

    static func snippet(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, _ phrases: [PhraseList.Phrase]) throws -> [UInt8] {
        let columns = try (0..<api.pointee.xColumnCount(fts)).map { try read(api, fts, column: $0, phrases) }
        var best = (column: 0, start: 0, score: 0)
        for (i, column) in columns.enumerated() {
            for instance in column.instances {
                let window = score(column, phrases, from: instance.position)
                if window.score > best.score { best = (i, window.centred, window.score) }
                let starts = column.sentenceStarts
                guard !starts.isEmpty, column.tokens.count > windowTokens else { continue }
                var j = 0
                while j < starts.count - 1, starts[j + 1] <= instance.position { j += 1 }
                if starts[j] < instance.position {
                    let sentence = score(column, phrases, from: starts[j]).score + (starts[j] == 0 ? 120 : 100)
                    if sentence > best.score { best = (i, starts[j], sentence) }
                }
            }
        }
        return highlight(columns[best.column], phrases, from: best.start)
    }

    /// FTS5's fts5HighlightCb over the chosen window: overlapping occurrences are marked as one.
    private static func highlight(_ column: Column, _ phrases: [PhraseList.Phrase], from rangeStart: Int) -> [UInt8] {
        var marks: [(start: Int, end: Int)] = []
        for instance in column.instances {
            let end = instance.position + phrases[instance.phrase].tokens.count - 1
            if let last = marks.last, instance.position <= last.end {
                marks[marks.count - 1].end = max(last.end, end)
            } else {
                marks.append((instance.position, end))
            }
        }
        var next = marks.firstIndex { $0.start >= rangeStart } ?? marks.endIndex
        let rangeEnd = rangeStart + windowTokens - 1
        let text = column.text
        var out: [UInt8] = rangeStart > 0 ? ellipsis : []
        var offset = 0
        for position in rangeStart..<min(column.tokens.count, rangeEnd + 1) {
            let token = column.tokens[position]
            if rangeStart > 0, position == rangeStart { offset = token.start }
            let mark = next < marks.count ? marks[next] : nil
            if position == mark?.start {
                out += text[offset..<token.start] + open
                offset = token.start
            }
            if position == mark?.end {
                out += text[offset..<token.end] + close
                offset = token.end
                next += 1
            }
            if position == rangeEnd {
                out += text[offset..<token.end]
                offset = token.end
                if let mark = next < marks.count ? marks[next] : nil, position >= mark.start, position < mark.end { out += close }
            }
        }
        out += rangeEnd >= column.tokens.count - 1 ? text[offset...] : ellipsis[...]
        return out
    }
}
