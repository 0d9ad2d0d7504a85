import Foundation
import XCTest
@testable import EntityExtraction

/// How a bare `dlrs`, `cents`, `francs` or `rupees` gets its currency, one test per kind of
/// evidence, each at a fixed article date: the place the article names, the article's own
/// full name for the currency, the major unit for cents, and the default when nothing decides.
final class CurrencyContextTests: XCTestCase {
    func values(_ text: String, on date: CivilDate? = CivilDate(year: 1987, month: 3, day: 2),
                defaultDollar: String = "USD") -> [(String, String, CurrencyResolution, String?)] {
        let doc = Document(text: text)
        let options = MoneyOptions(defaultDollar: defaultDollar, referenceDate: date)
        return MoneyRecognizer(options: options).recognize(doc).map {
            (doc.text(from: $0.start, to: $0.end), $0.value.currency, $0.value.currencyResolution, $0.value.currencyEvidence)
        }
    }

    func assertValues(_ text: String, on date: CivilDate? = CivilDate(year: 1987, month: 3, day: 2), defaultDollar: String = "USD",
                      _ expected: [(String, String, CurrencyResolution, String?)], file: StaticString = #filePath, line: UInt = #line) {
        let got = values(text, on: date, defaultDollar: defaultDollar)
        XCTAssertEqual(got.count, expected.count, "\(text): \(got)", file: file, line: line)
        for (g, e) in zip(got, expected) {
            XCTAssertEqual(g.0, e.0, text, file: file, line: line)
            XCTAssertEqual(g.1, e.1, "\(text): \(g.0)", file: file, line: line)
            XCTAssertEqual(g.2, e.2, "\(text): \(g.0)", file: file, line: line)
            XCTAssertEqual(g.3, e.3, "\(text): \(g.0)", file: file, line: line)
        }
    }

    func testPlaceDecidesTheDollar() {
        assertValues("New Zealand's M-3 money supply grew to 30 billion dlrs, the Reserve Bank said.",
                     [("30 billion dlrs", "NZD", .inferred, "place:New Zealand")])
        // A city counts for its country; so does a country inside an organisation's name.
        assertValues("WELLINGTON - The trade deficit was 200 mln dlrs.", [("200 mln dlrs", "NZD", .inferred, "place:WELLINGTON")])
        assertValues("The Bank of Canada will buy 100 mln dlrs of the issue.",
                     [("100 mln dlrs", "CAD", .inferred, "place:Canada")])
    }

    func testMostNamedTerritoryWinsAndATieIsNoEvidence() {
        assertValues("Hong Kong's trade deficit with the U.S. widened, and Hong Kong firms paid 5 billion dlrs.",
                     [("5 billion dlrs", "HKD", .inferred, "place:Hong Kong")])
        assertValues("Canada and the U.S. signed a pact worth 5 billion dlrs.",
                     [("5 billion dlrs", "USD", .ambiguous, "default")])
        // `us` is a pronoun, not America.
        assertValues("Let us pay 5 dollars, said the Canadian.", [("5 dollars", "CAD", .inferred, "place:Canadian")])
    }

    func testPlaceCurrencyFollowsTheArticleDate() {
        let text = "Shares in the Paris firm fell after it lost 500 mln francs."
        assertValues(text, [("500 mln francs", "FRF", .inferred, "place:Paris")])
        // France has had no franc since 2002: nothing in the article decides, so the default.
        assertValues(text, on: CivilDate(year: 2024, month: 3, day: 14), [("500 mln francs", "CHF", .ambiguous, "default")])
        assertValues("The Zurich bank earned 500 mln francs.", [("500 mln francs", "CHF", .inferred, "place:Zurich")])
        assertValues("Sri Lanka's banks wrote off 25bn rupees.", [("25bn rupees", "LKR", .inferred, "place:Sri Lanka")])
    }

    /// With the tagger's names, a city counts only where it is a place, and nothing inside a
    /// person's name counts.
    func testTaggedNamesDecideWhatIsAPlace() {
        let text = "Lewis Hamilton signed a $100m deal in Hamilton."
        let doc = Document(text: text)
        let recognizer = MoneyRecognizer(options: MoneyOptions(referenceDate: CivilDate(year: 2024, month: 3, day: 14)))
        func sum(_ names: [NameMatch]?) -> (String, String?) {
            let m = recognizer.recognize(doc, names: names)
            XCTAssertEqual(m.count, 1)
            return (m.first?.value.currency ?? "", m.first?.value.currencyEvidence)
        }
        let person = NameMatch(start: 0, end: 14, type: .person)
        let city = NameMatch(start: 38, end: 46, type: .place)
        XCTAssertEqual(doc.text(from: 38, to: 46), "Hamilton")
        XCTAssertEqual(sum([person]).0, "USD", "neither Hamilton is a place to the tagger")
        XCTAssertEqual(sum([person]).1, "default")
        XCTAssertEqual(sum([person, city]).0, "CAD", "the second Hamilton is the Canadian city")
        XCTAssertEqual(sum([person, city]).1, "place:Hamilton")
    }

    func testCrownsAreTheKronerOrKronorOfThePlace() {
        assertValues("Norway's oil fund earned 1.2 trillion crowns.", [("1.2 trillion crowns", "NOK", .inferred, "place:Norway")])
        assertValues("Volvo, the Swedish carmaker, lost 500 mln crowns.", [("500 mln crowns", "SEK", .inferred, "place:Swedish")])
        assertValues("It sold 50 mln Danish crowns of bonds.", [("50 mln Danish crowns", "DKK", .explicit, nil)])
        // No place: `crowns` has no default, so no sum is claimed.
        assertValues("The firm lost 500 mln crowns.", [])
    }

    func testAFullNameEarlierDecides() {
        assertValues("It sold 5 billion Danish kroner of bonds and kept 2 billion kroner.",
                     [("5 billion Danish kroner", "DKK", .explicit, nil), ("2 billion kroner", "DKK", .inferred, "earlier:Danish kroner")])
        assertValues("It raised 30.07 billion N.Z. Dlrs, against 28 billion dlrs in the U.S. and the U.S.",
                     [("30.07 billion N.Z. Dlrs", "NZD", .explicit, nil), ("28 billion dlrs", "NZD", .inferred, "earlier:N.Z. Dlrs")])
    }

    func testMinorUnitsTakeTheMajorUnit() {
        assertValues("Hong Kong's Hutchison will pay 1.30 dlrs, or 32.5 cents a share after the split, in Hong Kong.",
                     [("1.30 dlrs", "HKD", .inferred, "place:Hong Kong"), ("32.5 cents", "HKD", .inferred, "major:HKD")])
        assertValues("A coffee costs €2.50 and a stamp 80 cents.",
                     [("€2.50", "EUR", .explicit, nil), ("80 cents", "EUR", .inferred, "major:EUR")])
    }

    func testDefaultWhenNothingDecides() {
        assertValues("The fee was 5 dollars.", [("5 dollars", "USD", .ambiguous, "default")])
        assertValues("The fee was 5 dollars.", defaultDollar: "CAD", [("5 dollars", "CAD", .ambiguous, "default")])
        assertValues("He earned 839 million francs.", [("839 million francs", "CHF", .ambiguous, "default")])
        // A bracketed conversion after a foreign sum keeps the default.
        assertValues("Civil servants earn Z$1,000 ($100) a month.",
                     [("Z$1,000", "ZWL", .explicit, nil), ("$100", "USD", .ambiguous, "default")])
    }
}
