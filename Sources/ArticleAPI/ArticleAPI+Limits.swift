import EntityExtraction

extension ArticleAPI {
    /// 422 rather than 503: the same text would run out of time again, so a retry cannot help.
    static func budgetExceeded(_ error: ExtractionDeadlineExceeded) -> APIProblem {
        let seconds = error.seconds == error.seconds.rounded() ? String(Int(error.seconds)) : String(error.seconds)
        return APIProblem(422, "reading this text took longer than the extraction budget of \(seconds) s "
                          + "(it stopped while \(error.stage)), so nothing was stored: send a shorter text or split it")
    }

    /// Extraction within the configured time budget, refused when it finds more mentions
    /// than an article may store.
    func boundedExtraction(_ text: String, publishedAt: CivilDate) throws -> Extraction {
        try Self.boundedExtraction(text, publishedAt: publishedAt, extractor: extractor, configuration: configuration, clock: clock)
    }

    /// The same for callers without an `ArticleAPI` (bulk import).
    static func boundedExtraction(_ text: String, publishedAt: CivilDate, extractor: EntityExtractor,
                                  configuration: ServiceConfiguration, clock: @escaping ExtractionDeadline.Clock) throws -> Extraction {
        let deadline = ExtractionDeadline(seconds: configuration.extractionTimeoutSeconds, clock: clock)
        let extraction = try extractor.extract(text, options: configuration.extractionOptions(publishedAt: publishedAt), deadline: deadline)
        let mentions = extraction.entities.reduce(0) { $0 + $1.mentions.count }
        let cap = configuration.maxMentionsPerArticle
        if max(mentions, extraction.figures.count) > cap {
            throw APIProblem(422, "the text has \(mentions) entity mentions, more than the \(cap) one article may hold "
                             + "(max_mentions_per_article), so nothing was stored: split it into smaller articles")
        }
        return extraction
    }
}
