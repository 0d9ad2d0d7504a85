/// Sentences as the date rules read them. Wire copy wraps its lines (`will redeem on\nMarch
/// 31`), and a line break ends a document sentence; for tense and anchors a sentence runs on
/// across a single line break that follows no full stop, so a date keeps its verb.
extension DateGrammar {
    var sentences: [Range<Int>] {
        if let known = memo.sentences { return known }
        var joined: [Range<Int>] = []
        for s in document.sentences {
            if let last = joined.last, runsOn(from: last, into: s) {
                joined[joined.count - 1] = last.lowerBound..<s.upperBound
            } else {
                joined.append(s)
            }
        }
        memo.sentences = joined
        return joined
    }

    /// The index in `sentences` of the one holding a token (binary search).
    func sentenceIndex(_ token: Int) -> Int {
        let s = sentences
        var lo = 0, hi = s.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if s[mid].lowerBound <= token { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// True when a sentence was cut only by a wrapped line: no closing punctuation before
    /// the break, and one line break, not a blank line (a title or paragraph ends there).
    private func runsOn(from a: Range<Int>, into b: Range<Int>) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        let last = tokens[a.upperBound - 1], next = tokens[b.lowerBound]
        guard next.newlineBefore else { return false }
        if last.kind == .punctuation, [".", "!", "?", ":", "…", "\"", "”", "’"].contains(last.text) { return false }
        var breaks = 0
        for c in document.scalars[last.end..<next.start] where c == "\n" { breaks += 1 }
        return breaks == 1
    }
}
