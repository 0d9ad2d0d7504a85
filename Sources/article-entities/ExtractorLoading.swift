import EntityExtraction

/// The extractor every command uses: the grammars plus the bundled name tagger.
enum ExtractorLoading {
    static func bundled() throws -> EntityExtractor {
        EntityExtractor(nameTagger: nil)
    }
}
