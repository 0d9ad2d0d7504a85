import Foundation

/// Trains the name tagger: an averaged structured perceptron (Collins 2002) over BILOU
/// tags, one Viterbi decode and update per sentence, texts shuffled each epoch by a
/// seeded generator so a seed always gives the same model.
public struct NameTrainer {
    public var epochs: Int
    public var seed: UInt64
    /// log2 of the weight table's rows; 2^18 rows × 13 tags × 2 bytes ≈ 6.8 MB on disk.
    public var rowBits: Int
    public var gazetteer: Gazetteer
    /// 1: one perceptron; 2: a second one that also reads the first's tags.
    public var stages: Int
    /// Folds for cross-tagging stage two's training input.
    public var crossFolds = 2
    /// Passes for stage two (nil: `epochs`); it reads stage one's tags and overfits sooner.
    public var secondStageEpochs: Int?
    /// Perceptrons per stage, each shown the texts in its own seeded order; the stage's
    /// weights are their mean (less dependent on one order's luck).
    public var orders = 1

    public init(epochs: Int = 10, seed: UInt64 = 1, rowBits: Int = 18, stages: Int = 2, gazetteer: Gazetteer) {
        self.epochs = epochs
        self.stages = stages
        self.seed = seed
        self.rowBits = rowBits
        self.gazetteer = gazetteer
    }

    /// A text ready for the decoder.
    struct Prepared {
        var features: NameFeatures
        var sentences: [Range<Int>]
        var gold: [UInt8]
    }

    /// Features and gold tags for texts; `misaligned` counts gold edges inside tokens.
    func prepare(_ texts: [AnnotatedText], misaligned: inout Int, tokens: inout Int) -> [Prepared] {
        texts.map { text in
            let document = Document(text: text.text)
            tokens += document.tokens.count
            let spans = NameCorpus.tokenSpans(text.names, in: document, misaligned: &misaligned)
            return Prepared(features: NameFeatures(document: document, gazetteer: gazetteer, rowBits: rowBits),
                            sentences: document.sentences,
                            gold: NameTagSet.tags(count: document.tokens.count, spans: spans))
        }
    }

    /// Trains on `texts`; after each epoch scores `dev` (when given) and calls `log`.
    /// With `stages == 2`, a second model is trained on the first's tags; its training
    /// input comes from two-fold cross-tagging so it sees first-stage errors as at run time.
    public func train(_ texts: [AnnotatedText], dev: [AnnotatedText] = [], log: (String) -> Void = { _ in })
        -> PerceptronNameTagger {
        var misaligned = 0, tokenCount = 0
        let prepared = prepare(texts, misaligned: &misaligned, tokens: &tokenCount)
        let goldCount = texts.reduce(0) { $0 + $1.names.count }
        log("training texts \(texts.count), tokens \(tokenCount), names \(goldCount), "
            + "names with an edge inside a token \(misaligned) (widened to whole tokens)")
        var devMisaligned = 0, devTokens = 0
        let devPrepared = prepare(dev, misaligned: &devMisaligned, tokens: &devTokens)
        if !dev.isEmpty { log("dev texts \(dev.count), tokens \(devTokens), names with an edge inside a token \(devMisaligned)") }
        let devDocuments = dev.map { Document(text: $0.text) }

        let first = trainStage(prepared.map { $0.features.staticRows }, extra: nil, prepared, name: "stage 1", log: log) { weights in
            dev.isEmpty ? nil : Self.evaluate(stages: [weights], prepared: devPrepared, documents: devDocuments, gold: dev)
        }
        var stages = [first]
        if self.stages > 1 {
            // Cross-tag the training texts: each fold tagged by a model trained on the others.
            var crossTags = [[UInt8]](repeating: [], count: prepared.count)
            for fold in 0..<crossFolds {
                let trainIndices = prepared.indices.filter { $0 % crossFolds != fold }
                let half = trainIndices.map { prepared[$0] }
                let model = trainStage(half.map { $0.features.staticRows }, extra: nil, half,
                                       name: "fold \(fold + 1)/\(crossFolds)", log: log) { _ in nil }
                for i in prepared.indices where i % crossFolds == fold {
                    crossTags[i] = ViterbiNameDecoder.tagDocument(prepared[i].features.staticRows,
                                                                  sentences: prepared[i].sentences, weights: model)
                }
            }
            let stackedRows = prepared.indices.map { prepared[$0].features.stacked(on: crossTags[$0]) }
            let second = trainStage(prepared.map { $0.features.staticRows }, extra: stackedRows, prepared, name: "stage 2", log: log) { weights in
                dev.isEmpty ? nil : Self.evaluate(stages: [first, weights], prepared: devPrepared, documents: devDocuments, gold: dev)
            }
            stages.append(second)
        }
        // Round-trip through the file format so the returned tagger is exactly what is saved.
        let quantised = (try? NameModelFile.decode(NameModelFile.encode(stages))) ?? stages
        return PerceptronNameTagger(stages: quantised, gazetteer: gazetteer)
    }

    /// One perceptron over the given rows; returns its averaged weights.
    func trainStage(_ rows: [FeatureRows], extra: [FeatureRows]?, _ prepared: [Prepared], name: String, log: (String) -> Void,
                    score: (NameWeights) -> NameScore?) -> NameWeights {
        let epochs = extra == nil ? self.epochs : (secondStageEpochs ?? self.epochs)
        var learners = (0..<max(1, orders)).map { _ in PerceptronLearner(rowBits: rowBits) }
        var rngs = (0..<learners.count).map { SplitMix64(seed: seed &+ UInt64($0) &* 1_000_003) }
        var order = Array(prepared.indices)
        for epoch in 1...max(1, epochs) {
            var errors = 0, seen = 0
            for l in learners.indices {
                for i in stride(from: order.count - 1, to: 0, by: -1) {
                    order.swapAt(i, Int(rngs[l].next() % UInt64(i + 1)))
                }
                for index in order {
                    let (e, s) = learners[l].learn(rows[index], extra: extra?[index], sentences: prepared[index].sentences,
                                                   gold: prepared[index].gold)
                    errors += e
                    seen += s
                }
            }
            var message = "\(name) epoch \(epoch)/\(epochs): training tag accuracy "
                + String(format: "%.4f", 1 - Double(errors) / Double(max(seen, 1)))
            if let result = score(Self.mean(learners.map { $0.averaged() })) { message += "\n" + result.report }
            log(message)
        }
        return Self.mean(learners.map { $0.averaged() })
    }

    /// The lane-wise mean of weight tables.
    static func mean(_ tables: [NameWeights]) -> NameWeights {
        guard tables.count > 1 else { return tables[0] }
        let result = NameWeights(rowBits: tables[0].rowBits)
        let factor = 1 / Float(tables.count)
        for r in 0..<result.rowCount {
            var sum = SIMD16<Float>()
            for table in tables { sum += table.rows[r] }
            result.rows[r] = sum * factor
        }
        return result
    }

    static func evaluate(stages: [NameWeights], prepared: [Prepared], documents: [Document], gold: [AnnotatedText]) -> NameScore {
        var score = NameScore()
        for (k, p) in prepared.enumerated() {
            let tags = NameStages.tag(p.features, sentences: p.sentences, stages: stages)
            let spans = NamePostRules.apply(to: NameTagSet.spans(tags), document: documents[k])
            let predicted = NamePostRules.matches(spans, document: documents[k])
            score.add(gold: gold[k].names, predicted: predicted)
        }
        return score
    }
}

/// The perceptron's state. Averaging uses the running-sum trick: alongside the weights w,
/// keep u = Σ step·update, so the average is w − u/step without touching untouched rows.
struct PerceptronLearner {
    let weights: NameWeights
    private var sums: [Double]
    private var step: Double = 1
    private var scores: [SIMD16<Float>] = []
    private var guess: [UInt8] = []

    init(rowBits: Int) {
        weights = NameWeights(rowBits: rowBits)
        sums = [Double](repeating: 0, count: weights.rowCount * 16)
    }

    @inline(__always) private mutating func update(row: Int, tag: UInt8, by delta: Float) {
        weights.rows[row][Int(tag)] += delta
        sums[row * 16 + Int(tag)] += step * Double(delta)
    }

    /// Decodes each sentence of a text with the current weights and corrects them where the
    /// best sequence differs from gold. Returns (wrong tags, tags).
    mutating func learn(_ features: FeatureRows, extra: FeatureRows?, sentences: [Range<Int>], gold: [UInt8]) -> (Int, Int) {
        let rowBits = weights.rowBits
        var transitions: [SIMD16<Float>] = []
        var errors = 0
        let k = features.width
        for sentence in sentences {
            transitions.removeAll(keepingCapacity: true)
            for p in 0..<UInt8(NameTagSet.count) {
                transitions.append(weights.rows[ViterbiNameDecoder.transitionRow(previous: p, rowBits: rowBits)])
            }
            ViterbiNameDecoder.emissions(features, extra: extra, sentence, weights.rows, into: &scores)
            ViterbiNameDecoder.decode(scores, transitions: transitions, into: &guess)
            var previousGold = NameTagSet.outside, previousGuess = NameTagSet.outside
            for (j, i) in sentence.enumerated() {
                let g = gold[i], p = guess[j]
                if g != p {
                    errors += 1
                    for f in (i * k)..<(i * k + k) {
                        let row = Int(features.rows[f])
                        update(row: row, tag: g, by: 1)
                        update(row: row, tag: p, by: -1)
                    }
                    if let extra {
                        for f in (i * extra.width)..<((i + 1) * extra.width) {
                            let row = Int(extra.rows[f])
                            update(row: row, tag: g, by: 1)
                            update(row: row, tag: p, by: -1)
                        }
                    }
                }
                if g != p || previousGold != previousGuess {
                    update(row: ViterbiNameDecoder.transitionRow(previous: previousGold, rowBits: rowBits), tag: g, by: 1)
                    update(row: ViterbiNameDecoder.transitionRow(previous: previousGuess, rowBits: rowBits), tag: p, by: -1)
                }
                previousGold = g
                previousGuess = p
            }
            step += 1
        }
        return (errors, gold.count)
    }

    /// The averaged weights as a new table.
    func averaged() -> NameWeights {
        let result = NameWeights(rowBits: weights.rowBits)
        for r in 0..<weights.rowCount {
            var row = weights.rows[r]
            for t in 0..<NameTagSet.count where sums[r * 16 + t] != 0 {
                row[t] = Float(Double(row[t]) - sums[r * 16 + t] / step)
            }
            result.rows[r] = row
        }
        return result
    }
}

/// A small seeded generator (splitmix64), so training order depends only on the seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return TokenHashing.mix(state &- 0x9e37_79b9_7f4a_7c15)
    }
}
