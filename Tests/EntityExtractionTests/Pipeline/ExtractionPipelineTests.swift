import XCTest
@testable import EntityExtraction

/// The pipeline as a whole: priorities between recognizers, nesting, grouping.
final class ExtractionPipelineTests: XCTestCase {
    let options = ExtractionOptions(publishedAt: CivilDate(iso: "2024-03-14")!)
    let extractor = EntityExtractor(nameTagger: nil)

    func dates(_ text: String) -> [String] {
        extractor.extract(text, options: options).entities.filter { $0.type == .date }.map { e in
            guard case .date(let v)? = e.value else { return "?" }
            return "\(e.name)=\(v.date ?? "\(v.from ?? "")..\(v.to ?? "")")"
        }
    }

    func testARangeAlsoNamesItsTwoEnds() {
        XCTAssertEqual(dates("Russians go to the polls from Friday through to Sunday, but voting has already begun."),
                       ["Friday through to Sunday=2024-03-15..2024-03-17", "Friday=2024-03-15", "Sunday=2024-03-17"])
        XCTAssertEqual(dates("The talks ran from March 15 to March 17."),
                       ["March 15 to March 17=2023-03-15..2023-03-17", "March 15=2023-03-15", "March 17=2023-03-17"],
                       "past tense: the latest such range before publication; each end a date too")
        XCTAssertEqual(dates("The talks will run from March 15 to March 17."),
                       ["March 15 to March 17=2024-03-15..2024-03-17", "March 15=2024-03-15", "March 17=2024-03-17"])
        XCTAssertEqual(dates("The talks ran March 15-17."), ["March 15-17=2023-03-15..2023-03-17"], "the bare 17 is no date alone")
    }

    func testEqualDatesAndSumsAreOneEntityEach() {
        let e = extractor.extract("It gave €5 billion on Wednesday. On Wednesday, another €5 billion followed.", options: options).entities
        XCTAssertEqual(e.map { "\($0.type.rawValue):\($0.mentions.count)" }, ["money:2", "date:2"])
        XCTAssertEqual(e[0].mentions.map { "\($0.text)@\($0.start)" }, ["€5 billion@8", "€5 billion@55"],
                       "`another` stays outside the span; the value is the same sum")
    }

    func testFiguresCarryTheirSentence() {
        let x = extractor.extract("Prices fell. The fund holds €5 billion in cash.\nNext line.", options: options)
        XCTAssertEqual(x.figures.count, 1)
        XCTAssertEqual(x.figures[0].sentence, "The fund holds €5 billion in cash.")
        XCTAssertEqual(x.figures[0].sentenceStart, 13)
    }
}

final class EntityKeysTests: XCTestCase {
    func testWordsAndKeys() {
        XCTAssertEqual(EntityKeys.words("The U.S. Army's O'Brien-Smith & Co."), ["us", "army", "obrien", "smith", "co"])
        XCTAssertEqual(EntityKeys.nameKey("Russia's"), "russia")
        XCTAssertEqual(EntityKeys.nameKey("Saudi Arabia’s"), "saudi arabia")
        XCTAssertEqual(EntityKeys.nameKey("Zürich's"), "zürich")
        XCTAssertEqual(EntityKeys.words("Zürich Café"), ["zürich", "café"])
        XCTAssertEqual(EntityKeys.words("the"), ["the"])
        XCTAssertEqual(EntityKeys.nameKey("U.S."), "united states")
        XCTAssertEqual(EntityKeys.nameKey("the United States"), "united states")
        XCTAssertEqual(EntityKeys.nameKey("EU"), "european union")
    }

    func testShortFormsJoinTheirFullName() {
        let text = "Jens Stoltenberg spoke. Stoltenberg said the European Union and the EU agree. NATO chief Stoltenberg left."
        let names = [("Jens Stoltenberg", EntityType.person), ("Stoltenberg", .person), ("European Union", .organisation),
                     ("EU", .organisation), ("NATO", .organisation)]
        var matches: [NameMatch] = []
        var from = text.startIndex
        for (name, type) in names + [("Stoltenberg", .person)] {
            let r = text.range(of: name, range: from..<text.endIndex)!
            let start = text.unicodeScalars.distance(from: text.startIndex, to: r.lowerBound)
            matches.append(NameMatch(start: start, end: start + name.unicodeScalars.count, type: type))
            from = r.upperBound
        }
        let x = EntityGrouper(document: Document(text: text)).group(money: [], dates: [], names: matches, version: "t")
        XCTAssertEqual(x.entities.map { "\($0.name):\($0.mentions.count)" }, ["Jens Stoltenberg:3", "European Union:2", "NATO:1"])
    }
}

final class FigureContextTests: XCTestCase {
    func testLongSentencesAreCutToAWindowAroundTheFigure() {
        let text = String(repeating: "€1 and ", count: 2000)
        let x = EntityExtractor(nameTagger: nil).extract(text, options: ExtractionOptions(publishedAt: CivilDate(iso: "2024-03-14")!))
        XCTAssertEqual(x.figures.count, 2000)
        XCTAssertTrue(x.figures.allSatisfy { $0.sentence.unicodeScalars.count <= EntityGrouper.maxFigureContext })
        let f = x.figures[1000]
        XCTAssertEqual(f.mention.start, 7000)
        XCTAssertTrue(f.sentenceStart <= 7000 && f.sentenceEnd >= 7002)
        XCTAssertEqual(Array(text.unicodeScalars)[f.sentenceStart..<f.sentenceEnd].count, f.sentence.unicodeScalars.count)
    }
}

final class DisplayNameTests: XCTestCase {
    func testNamesDropALeadingArticle() {
        XCTAssertEqual(EntityGrouper.displayName("The United States"), "United States")
        XCTAssertEqual(EntityGrouper.displayName("the Institute for the Study of War"), "Institute for the Study of War")
        XCTAssertEqual(EntityGrouper.displayName("Theresa May"), "Theresa May")
        XCTAssertEqual(EntityGrouper.displayName("The"), "The")
    }
}
