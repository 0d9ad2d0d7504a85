import Foundation

/// The trained name tagger: an averaged structured perceptron over BILOU tags with hashed
/// features, decoded per sentence with Viterbi, optionally in two stages (the second sees
/// the first's tags for the same words across the article). Loads once (weights and gazetteer), then tags from any thread.
public final class PerceptronNameTagger: NameTagging {
    /// Both stages' weights (the second stage reads the first's tags).
    let weights: InterleavedWeights
    let gazetteer: Gazetteer

    init(stages: [NameWeights], gazetteer: Gazetteer) {
        self.weights = InterleavedWeights(stages: stages)
        self.gazetteer = gazetteer
    }

    /// 1 or 2.
    var stageCount: Int { weights.stageCount }

    /// The model shipped in the package (`Resources/names.model` and `gazetteer.tsv`).
    public static func loadBundled() throws -> PerceptronNameTagger {
        guard let url = Bundle.module.url(forResource: "names", withExtension: "model", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "names", withExtension: "model") else {
            throw NameModelError.missingResource("names.model")
        }
        return try PerceptronNameTagger(contentsOf: url)
    }

    /// A model file written by `article-entities train`, with the gazetteer saved in it
    /// (or, for older files without one, the bundled word lists).
    public init(contentsOf url: URL) throws {
        let contents = try NameModelFile.decodeContents(Data(contentsOf: url, options: .alwaysMapped))
        self.weights = InterleavedWeights(quantised: contents.stages)
        self.gazetteer = try contents.gazetteer ?? Gazetteer.loadBundled()
    }

    /// A model file with a given gazetteer (any saved in the file is ignored).
    public init(contentsOf url: URL, gazetteer: Gazetteer) throws {
        self.weights = InterleavedWeights(quantised: try NameModelFile.decodeQuantised(Data(contentsOf: url, options: .alwaysMapped)))
        self.gazetteer = gazetteer
    }

    /// The model in file form, with its gazetteer.
    public func modelData() -> Data { NameModelFile.encode(weights.stages(), gazetteer: gazetteer) }

    public func tag(_ document: Document) -> [NameMatch] {
        NamePostRules.matches(NamePostRules.apply(to: tagTokens(document), document: document), document: document)
    }

    /// Stops between feature extraction and each stage, and every few sentences while
    /// decoding, once the deadline has passed.
    public func tag(_ document: Document, deadline: ExtractionDeadline) throws -> [NameMatch] {
        let spans = try tagTokens(document, deadline: deadline)
        try deadline.check("tagging names")
        return NamePostRules.matches(NamePostRules.apply(to: spans, document: document), document: document)
    }

    /// Token spans as the statistical model alone tags them.
    func tagTokens(_ document: Document) -> [(tokens: Range<Int>, type: Int)] {
        do { return try tagTokens(document, deadline: .unlimited) } catch {
            preconditionFailure("an unlimited deadline expired: \(error)")
        }
    }

    private func tagTokens(_ document: Document, deadline: ExtractionDeadline) throws -> [(tokens: Range<Int>, type: Int)] {
        try deadline.check("tagging names")
        let features = NameFeatures(document: document, gazetteer: gazetteer, rowBits: weights.rowBits)
        try deadline.check("tagging names")
        // A stopped decode returns partial tags; the check after it turns that into the error.
        let tags = weights.tag(features, sentences: document.sentences, stop: { deadline.isExpired })
        try deadline.check("tagging names")
        return NameTagSet.spans(tags)
    }
}
