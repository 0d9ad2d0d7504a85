import Foundation
import XCTest
@testable import EntityExtraction

/// The trainer on a tiny hand-made corpus, and the model file format.
final class NameTrainerTests: XCTestCase {
    /// Builds an annotated text from `[Name](type)` markup.
    static func annotated(_ markup: String, id: String) -> AnnotatedText {
        var text = ""
        var names: [NameMatch] = []
        var rest = Substring(markup)
        while let open = rest.firstIndex(of: "[") {
            text += rest[..<open]
            let close = rest[open...].firstIndex(of: "]")!
            let typeOpen = rest.index(after: close)
            let typeClose = rest[typeOpen...].firstIndex(of: ")")!
            let name = rest[rest.index(after: open)..<close]
            let type = EntityType(rawValue: String(rest[rest.index(after: typeOpen)..<typeClose]))!
            let start = text.unicodeScalars.count
            text += name
            names.append(NameMatch(start: start, end: text.unicodeScalars.count, type: type))
            rest = rest[rest.index(after: typeClose)...]
        }
        text += rest
        return AnnotatedText(id: id, text: text, names: names)
    }

    static let corpus: [AnnotatedText] = [
        "[Maria Lopez](person) joined [Acme Holdings](organisation) in [Lisbon](place) last year.",
        "Officials at [Acme Holdings](organisation) said [Maria Lopez](person) would travel to [Oslo](place).",
        "[Peter Brandt](person) visited [Oslo](place) and met staff of [Nordic Freight](organisation).",
        "The weather in [Lisbon](place) was mild, said [Peter Brandt](person).",
        "[Nordic Freight](organisation) hired [Anna Weiss](person) from [Berlin](place).",
        "[Anna Weiss](person) said the plan was ready.",
    ].enumerated().map { annotated($0.element, id: "t\($0.offset)") }

    func trainTiny(stages: Int) -> PerceptronNameTagger {
        NameTrainer(epochs: 8, seed: 7, rowBits: 14, stages: stages, gazetteer: Gazetteer()).train(Self.corpus)
    }

    func testMarkupHelperMakesCodePointSpans() {
        let t = Self.annotated("Hi [Zoë Ågren](person) in [Malmö](place).", id: "x")
        XCTAssertEqual(t.text, "Hi Zoë Ågren in Malmö.")
        XCTAssertEqual(t.names, [NameMatch(start: 3, end: 12, type: .person), NameMatch(start: 16, end: 21, type: .place)])
    }

    func testTrainerLearnsTinyCorpusExactly() {
        for stages in [1, 2] {
            let tagger = trainTiny(stages: stages)
            for text in Self.corpus {
                XCTAssertEqual(tagger.tag(Document(text: text.text)), text.names, "stages \(stages): \(text.text)")
            }
        }
    }

    func testTrainingIsDeterministicForASeed() {
        XCTAssertEqual(trainTiny(stages: 2).modelData(), trainTiny(stages: 2).modelData())
    }

    func testModelFileRoundTrips() throws {
        let tagger = trainTiny(stages: 2)
        let data = tagger.modelData()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.write(to: url)
        let loaded = try PerceptronNameTagger(contentsOf: url, gazetteer: Gazetteer())
        XCTAssertEqual(loaded.modelData(), data, "weights change on save → load → save")
        XCTAssertEqual(loaded.stageCount, 2)
        let unseen = "Maria Lopez met Peter Brandt of Nordic Freight in Berlin."
        XCTAssertEqual(loaded.tag(Document(text: unseen)), tagger.tag(Document(text: unseen)))
        for text in Self.corpus {
            XCTAssertEqual(loaded.tag(Document(text: text.text)), text.names)
        }
    }

    /// A saved model carries its gazetteer, so loading needs no word lists.
    func testModelFileCarriesItsGazetteer() throws {
        var gazetteer = Gazetteer(tsv: "city\tNordvik\ncountry\tRuritania\n")
        gazetteer.addClusters(tsv: "freight\t3\n")
        let tagger = NameTrainer(epochs: 2, seed: 7, rowBits: 14, stages: 1, gazetteer: gazetteer).train(Self.corpus)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try tagger.modelData().write(to: url)
        let loaded = try PerceptronNameTagger(contentsOf: url)
        XCTAssertEqual(loaded.modelData(), tagger.modelData())
        let document = Document(text: "Freight to Nordvik, Ruritania")
        let lower = document.tokens.map { TokenHashing.lowerHash(document.scalars, $0.start, $0.end) }
        let city = UInt32(Gazetteer.Kind.city.rawValue * 4 + 3), country = UInt32(Gazetteer.Kind.country.rawValue * 4 + 3)
        XCTAssertEqual(loaded.gazetteer.marks(lowerHashes: lower, isWord: document.tokens.map { $0.kind == .word }),
                       [0, 0, 1 << city, 0, 1 << country])
        XCTAssertEqual(loaded.gazetteer.cluster(lower[0]), 4)
        XCTAssertEqual(loaded.gazetteer.cluster(lower[1]), 0)
    }

    /// The run-time layout must tag exactly as the trainer's evaluation path does.
    func testInterleavedWeightsTagLikeSeparateStages() throws {
        let tagger = trainTiny(stages: 2)
        let stages = try NameModelFile.decode(tagger.modelData())
        for text in Self.corpus + [Self.annotated("Anna Weiss of Acme Holdings flew from Oslo to Berlin.", id: "u")] {
            let document = Document(text: text.text)
            let features = NameFeatures(document: document, gazetteer: Gazetteer(), rowBits: 14)
            XCTAssertEqual(tagger.weights.tag(features, sentences: document.sentences),
                           NameStages.tag(features, sentences: document.sentences, stages: stages))
        }
    }

    func testModelFileRejectsOtherData() {
        XCTAssertThrowsError(try NameModelFile.decode(Data("not a model".utf8)))
        var data = trainTiny(stages: 1).modelData()
        data.removeLast(2)
        XCTAssertThrowsError(try NameModelFile.decode(data))
    }
}
