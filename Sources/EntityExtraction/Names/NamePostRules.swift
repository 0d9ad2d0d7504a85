/// Small corrections after the statistical tagger, for news conventions its training
/// text (OntoNotes) lacks.
enum NamePostRules {
    static func apply(to spans: [(tokens: Range<Int>, type: Int)], document: Document) -> [(tokens: Range<Int>, type: Int)] {
        spans
    }
}
